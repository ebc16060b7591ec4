"""Scenewright's answer normalisation, as `scenewright score` applies it.

A line-for-line port of Sources/Scoring/AnswerNormalization.swift: lowercase; full-width ASCII
to ASCII; punctuation (ASCII and CJK) to spaces; the articles a, an, the dropped; number words
zero-twenty to digits; Chinese numerals up to 99 (with or without a trailing 个) to digits;
whitespace runs to one space. An answer is right when the normalised prediction equals the
normalised true answer.
"""

NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]
ARTICLES = {"a", "an", "the"}
PUNCTUATION = set(".,;:!?\"'`()[]{}。，；：！？、「」“”‘’（）")
CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
}


def chinese_number(word):
    """The value of a Chinese numeral from 0 to 99, an optional trailing 个; None otherwise."""
    chars = list(word)
    if len(chars) > 1 and chars[-1] == "个":
        chars.pop()
    if len(chars) == 1:
        return 10 if chars[0] == "十" else CHINESE_DIGITS.get(chars[0])
    if len(chars) == 2:
        d = CHINESE_DIGITS.get(chars[1])
        if chars[0] == "十" and d is not None and d > 0:
            return 10 + d
        t = CHINESE_DIGITS.get(chars[0])
        if chars[1] == "十" and t is not None and t > 1:
            return t * 10
        return None
    if len(chars) == 3:
        t = CHINESE_DIGITS.get(chars[0])
        d = CHINESE_DIGITS.get(chars[2])
        if chars[1] == "十" and t is not None and t > 1 and d is not None and d > 0:
            return t * 10 + d
    return None


def normalize(answer):
    text = []
    for ch in str(answer).lower():
        if ch in PUNCTUATION:
            text.append(" ")
        elif 0xFF01 <= ord(ch) <= 0xFF5E:
            text.append(chr(ord(ch) - 0xFEE0).lower())
        else:
            text.append(ch)
    words = []
    for word in "".join(text).split():
        if word in ARTICLES:
            continue
        if word in NUMBER_WORDS:
            words.append(str(NUMBER_WORDS.index(word)))
            continue
        n = chinese_number(word)
        words.append(str(n) if n is not None else word)
    return " ".join(words)
