/// A small string-to-word table searched in order. Lexicons hold a dozen words per kind, and
/// short strings compare in one step, so a scan beats hashing the key on every lookup (word
/// lookups run for every phrase of every caption, question and negative).
struct WordTable: Sendable {
    private var keys: [String] = []
    private var words: [String] = []

    init(_ dictionary: [String: String]) {
        for key in dictionary.keys.sorted() {
            keys.append(key)
            words.append(dictionary[key] ?? key)
        }
    }

    subscript(key: String) -> String? {
        for i in keys.indices where keys[i] == key { return words[i] }
        return nil
    }
}
