/// A small string-to-word table searched in order. Lexicons hold a dozen words per kind, and
/// short strings compare in one step, so a scan beats hashing the key on every lookup (word
/// lookups run for every phrase of every caption, question and negative).
///
/// Keys are compared by length first (a field read), so that most entries are passed over
/// without a string comparison call.
struct WordTable: Sendable {
    private var keys: [String] = []
    private var lengths: [Int] = []
    private var words: [String] = []

    init(_ dictionary: [String: String]) {
        for key in dictionary.keys.sorted() {
            keys.append(key)
            lengths.append(key.utf8.count)
            words.append(dictionary[key] ?? key)
        }
    }

    subscript(key: String) -> String? {
        let length = key.utf8.count
        for i in keys.indices where lengths[i] == length && keys[i] == key { return words[i] }
        return nil
    }
}
