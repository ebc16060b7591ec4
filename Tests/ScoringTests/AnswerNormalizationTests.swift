import Testing

@testable import Scoring

struct AnswerNormalizationTests {
    @Test(arguments: [
        ("The Two.", "2"), ("two", "2"), ("2", "2"), ("２", "2"), ("两个", "2"), ("二", "2"), ("十二", "12"),
        ("二十", "20"), ("三十五", "35"), ("十", "10"), ("零", "0"), ("Yes!", "yes"), ("a red one", "red 1"),
        ("  Outlined  ", "outlined"), ("绿色。", "绿色"), ("An ellipse", "ellipse"), ("twenty", "20"),
    ])
    func normalises(_ input: String, _ expected: String) {
        #expect(AnswerNormalization.normalize(input) == expected, "\(input)")
    }

    @Test func keepsWhatIsNotANumberOrArticle() {
        #expect(AnswerNormalization.normalize("theater") == "theater")
        #expect(AnswerNormalization.normalize("十十") == "十十")
        #expect(AnswerNormalization.normalize("一十") == "一十")
        #expect(AnswerNormalization.normalize("red") != AnswerNormalization.normalize("blue"))
    }
}
