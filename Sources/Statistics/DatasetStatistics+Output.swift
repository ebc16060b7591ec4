import DatasetWriters
import SampleRecords
import SceneModel

extension DatasetStatistics {
    /// Why `stats.json` has no rejection figures: the sampler's rejected layout attempts are
    /// counted while generating, but no file of a dataset records them, and `stats` reports
    /// only what the dataset's files show.
    public static let rejectionsUnavailable =
        "Not recorded in this dataset: sample records, run.json and .scenewright/ hold only accepted scenes, "
        + "not the sampler's rejected layout attempts (reasons placement and visibility, counted during "
        + "generation; `scenewright bench` reports mean layout attempts per sample). No rejection rates are given "
        + "rather than estimates."

    /// Rounded so that the JSON does not carry floating-point noise.
    static func round(_ x: Double) -> JSONValue { .double((x * 1_000_000).rounded() / 1_000_000) }

    static func json(_ t: Tally) -> JSONValue { .object(JSONObject(t.byKey.map { ($0.key, .int($0.count)) })) }

    static func json(_ h: Histogram) -> JSONValue {
        .object([
            "counts": .array(h.sorted.map { .array([.int($0.value), .int($0.count)]) }),
            "max": h.maximum.map { .int($0) } ?? .null, "mean": round(h.mean),
            "min": h.minimum.map { .int($0) } ?? .null,
            "total": .int(h.total),
        ])
    }

    /// The statistics as `stats.json` (keys sorted at every level, no clock time, no path).
    public func json(charts: [String]) -> JSONValue {
        let size = typicalImageSize
        var colorFields: [(String, JSONValue)] = []
        for (name, count) in colors.byKey {
            let rgb = colorRGB[name] ?? RGB(0, 0, 0)
            colorFields.append(
                (
                    name,
                    .object([
                        "count": .int(count), "rgb": .array([.int(Int(rgb.r)), .int(Int(rgb.g)), .int(Int(rgb.b))]),
                    ])
                )
            )
        }
        let objectCount = objectsPerImage.sum
        func share(_ t: Tally) -> JSONValue {
            .object(JSONObject(t.byKey.map { ($0.key, Self.round(ratio($0.count, t.total))) }))
        }
        var languageFields: [(String, JSONValue)] = []
        for code in languageCodes {
            guard let l = languages[code] else { continue }
            languageFields.append((code, l.json()))
        }
        return .object([
            "charts": .array(charts.map { .string($0) }),
            "damaged_samples": .object([
                "count": .int(damaged), "first": .array(damage.map { .string($0) }),
            ]),
            "image_sizes": Self.json(imageSizes),
            "languages": .object(JSONObject(languageFields)),
            "objects": .object([
                "colors": .object(JSONObject(colorFields)), "fills": Self.json(fills), "fill_shares": share(fills),
                "per_image": Self.json(objectsPerImage), "shapes": Self.json(shapes), "shape_shares": share(shapes),
                "sizes": Self.json(sizes), "total": .int(objectCount),
            ]),
            "positions": .object([
                "bins": .int(Self.heatBins), "counts": .array(positions.map { .array($0.map { .int($0) }) }),
                "image_height": .int(size.height), "image_width": .int(size.width),
                "what": .string(
                    "object centers; counts[row][column], row 0 at the top; each center binned by its fraction of its own image's width and height"
                ),
            ]),
            "rejections": .object(["available": .bool(false), "reason": .string(Self.rejectionsUnavailable)]),
            "samples": .int(samples),
            "source": .string(source),
            "stats_version": .int(3),
            "unreadable_samples": .object([
                "count": .int(unreadable), "first": .array(problems.map { .string($0) }),
            ]),
        ])
    }
}

extension LanguageStatistics {
    /// The most frequent answers of `family`, at most `limit`.
    public func topAnswers(_ family: String, limit: Int = DatasetStatistics.topAnswers) -> [(key: String, count: Int)] {
        Array((answersPerFamily[family] ?? Tally()).byCount.prefix(limit))
    }

    func json() -> JSONValue {
        let report = baseline.evaluate()
        var familyFields: [(String, JSONValue)] = []
        for (family, count) in questionsPerFamily.byKey {
            let answers = answersPerFamily[family] ?? Tally()
            familyFields.append(
                (
                    family,
                    .object([
                        "distinct_answers": .int(answers.distinct), "questions": .int(count),
                        "top_answers": .array(
                            topAnswers(family).map {
                                .array([
                                    .string($0.key), .int($0.count), DatasetStatistics.round(ratio($0.count, count)),
                                ])
                            }),
                    ])
                ))
        }
        var shortcutFamilies: [(String, JSONValue)] = []
        for f in report.families {
            shortcutFamilies.append(
                (
                    f.name,
                    .object([
                        "chance": DatasetStatistics.round(f.chance), "distinct_answers": .int(f.distinctAnswers),
                        "distinct_questions": .int(f.distinctQuestions), "evaluated": .int(f.evaluated),
                        "family_answer": f.familyAnswer.map { .string($0) } ?? .null,
                        "family_baseline": DatasetStatistics.round(f.familyAccuracy),
                        "family_baseline_in_sample": DatasetStatistics.round(f.familyAccuracyInSample),
                        "majority_rate": DatasetStatistics.round(f.majorityRate),
                        "question_baseline": DatasetStatistics.round(f.questionAccuracy),
                        "question_baseline_in_sample": DatasetStatistics.round(f.questionAccuracyInSample),
                        "questions": .int(f.questions), "unseen_evaluated": .int(f.unseenEvaluated),
                    ])
                ))
        }
        var fields: JSONObject = [
            "answer_types": DatasetStatistics.json(answerTypes),
            "captions": .object([
                "dense_phrases": .int(densePhrases), "detailed_length": DatasetStatistics.json(detailedLengths),
                "samples": .int(captions), "short_length": DatasetStatistics.json(shortLengths),
            ]),
            "distinct": .object([
                "answers": .int(distinctAnswers), "dense_phrases": .int(distinctDensePhrases),
                "detailed_captions": .int(distinctDetailedCaptions), "negatives": .int(distinctNegatives),
                "questions": .int(distinctQuestions), "refs": .int(distinctRefs),
                "short_captions": .int(distinctShortCaptions),
            ]),
            "families": .object(JSONObject(familyFields)),
            "length_unit": .string(unit),
            "negatives": .object(["count": .int(negatives), "kinds": DatasetStatistics.json(negativeKinds)]),
            "questions": .object(["count": .int(questions), "length": DatasetStatistics.json(questionLengths)]),
            "refs": .object(["count": .int(refs), "length": DatasetStatistics.json(refLengths)]),
            "shortcut_risk": .object([
                "families": .object(JSONObject(shortcutFamilies)),
                "method": .string(
                    "blind baselines from the question text alone; fit on samples with an even index, evaluated on samples with an odd index (in_sample: fit and evaluated on all samples); question baseline: most common fitted answer of the exact question string, its family's answer when the string was not seen; family baseline: most common fitted answer of the family; ties to the first answer in byte order; chance: 1 / distinct answers of the family; majority_rate: share of the family's most common answer among evaluated questions; overall figures weight families by evaluated questions (in_sample: by all questions)"
                ),
                "overall": .object([
                    "chance": DatasetStatistics.round(report.chance), "evaluated": .int(report.evaluated),
                    "family_baseline": DatasetStatistics.round(report.familyAccuracy),
                    "family_baseline_in_sample": DatasetStatistics.round(report.familyAccuracyInSample),
                    "majority_rate": DatasetStatistics.round(report.majorityRate),
                    "question_baseline": DatasetStatistics.round(report.questionAccuracy),
                    "question_baseline_in_sample": DatasetStatistics.round(report.questionAccuracyInSample),
                    "questions": .int(report.questions),
                ]),
            ]),
            "vocabulary": .object([
                "all": .int(vocabularySize), "captions": .int(captionVocabularySize),
                "questions": .int(questionVocabularySize),
                "unit": .string(TextMeasure.countsCharacters(code) ? "characters" : "words"),
            ]),
        ]
        // Only runs with conversations have the field, so other runs' stats.json stay as they were.
        if conversations.conversations > 0 { fields["conversations"] = conversations.json() }
        return .object(fields)
    }
}
