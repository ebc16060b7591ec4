import SceneModel

/// Questions that read the text in an image (plans with `lettering:`). Texts of one scene are
/// distinct strings (the sampler draws them so), so a string names its item alone. A written
/// string is said as it is in every language (``Slot/written(_:)``), an answer that is a string
/// is the string (``ProgramValue/string(_:)``).
extension QuestionEngine {
    /// "What is written in the image?" when it holds one text; else "What is written in red?"
    /// about a text whose color no other text has.
    func readText(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let texts = c.facts.texts
        guard !texts.isEmpty else { return nil }
        var p = Program()
        if texts.count == 1 {
            p.add(.queryText, [p.add(.unique, [p.add(.sceneText)])])
            return spec(.readText, .readText, p, .string(texts[0].text), [:])
        }
        let alone = texts.indices.filter { i in texts.count { $0.color.name == texts[i].color.name } == 1 }
        guard let i = rng.pick(alone) else { return nil }
        let color = texts[i].color.name
        let colored = p.add(.filterTextColor, [p.add(.sceneText)], color)
        p.add(.queryText, [p.add(.unique, [colored])])
        return spec(.readText, .readColoredText, p, .string(texts[i].text), [.a: .token(color)])
    }

    /// "What color is the text "EXIT"?": the answer color first (weighted by the plan's answer
    /// weights), then a text of that color.
    func textColor(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let texts = c.facts.texts
        let chosen = balanced(texts.indices.map { (Self.colorKey(texts[$0].color.rgb), $0) }, &rng, family: .textColor)
        guard let (_, i) = chosen else { return nil }
        var p = Program()
        let named = p.add(.filterText, [p.add(.sceneText)], texts[i].text)
        p.add(.queryColor, [p.add(.unique, [named])])
        return spec(.textColor, .textColor, p, .token(texts[i].color.name), [.w: .written(texts[i].text)])
    }

    /// "How many texts are there?", "How many texts are written in red?": the count first.
    func textCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let texts = c.facts.texts
        guard !texts.isEmpty else { return nil }
        var candidates: [(Int, String?)] = [(texts.count, nil)]
        var colors: [String] = []
        for t in texts where !colors.contains(t.color.name) { colors.append(t.color.name) }
        for color in colors { candidates.append((texts.count { $0.color.name == color }, color)) }
        guard let (n, color) = balanced(candidates, &rng, family: .textCount) else { return nil }
        var p = Program()
        var last = p.add(.sceneText)
        if let color { last = p.add(.filterTextColor, [last], color) }
        p.add(.count, [last])
        guard let color else { return spec(.textCount, .textCount, p, .integer(n), [:]) }
        return spec(.textCount, .textCountColored, p, .integer(n), [.a: .token(color)])
    }

    /// "Is "EXIT" written in the image?": yes names a text the image shows; no names, for one of
    /// them, the next text of the plan's word lists that the image does not show. Yes and no
    /// then have as many candidates each, so an image asks either as often before repeating
    /// itself (the engine drops a repeated question).
    func textExist(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let texts = c.facts.texts
        let target = truth(.textExist, &rng)
        guard let shown = rng.pick(texts)?.text else { return nil }
        var text: String? = shown
        if !target {
            text = nil
            let words = vocabulary.texts
            if let start = words.firstIndex(of: shown) {
                for k in 1..<max(1, words.count) {
                    let w = words[(start + k) % words.count]
                    if !texts.contains(where: { $0.text == w }) {
                        text = w
                        break
                    }
                }
            }
        }
        guard let text else { return nil }
        var p = Program()
        p.add(.exist, [p.add(.filterText, [p.add(.sceneText)], text)])
        return spec(.textExist, .textExist, p, .boolean(target), [.w: .written(text)])
    }

    /// "What is written on the red square?": a labelled object named alone by its attributes.
    func labelQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var candidates: [(Int, AttributeMask)] = []
        for i in 0..<facts.count where facts.labels[i] != nil {
            for mask in c.uniqueMasks[i] { candidates.append((i, mask)) }
        }
        guard let (i, mask) = rng.pick(candidates), let label = facts.labels[i] else { return nil }
        let referent = Referent.filter(ObjectFilter.of(facts.object(i), mask: mask))
        var p = Program()
        p.add(.queryLabel, [referent.addSteps(to: &p)])
        return spec(.labelQuery, .labelQuery, p, .string(label), [.x: .referent(referent)])
    }

    /// "What color is the shape labelled "7"?", "Which shape is labelled "B"?": the answer value
    /// first, then a labelled object with it.
    func labelledQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let attribute: Attribute = rng.int(in: 0...1) == 0 ? .color : .shape
        let labelled = (0..<facts.count).filter { facts.labels[$0] != nil }
        let chosen = balanced(labelled.map { (c.valueKey(attribute, $0), $0) }, &rng, family: .labelledQuery)
        guard let (_, i) = chosen, let label = facts.labels[i] else { return nil }
        var p = Program()
        let named = p.add(.filterLabel, [p.add(.scene)], label)
        p.add(attribute.query, [p.add(.unique, [named])])
        return spec(
            .labelledQuery, attribute == .color ? .labelledColor : .labelledShape, p,
            .token(attribute.value(of: facts.object(i))), [.w: .written(label)])
    }

    /// A color's answer key: its sRGB value, the same in every scene of a plan.
    static func colorKey(_ c: RGB) -> Int { Int(c.r) << 16 | Int(c.g) << 8 | Int(c.b) }
}
