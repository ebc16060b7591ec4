#!/usr/bin/env python3
"""Checks the tree against the layout docs/ARCHITECTURE.md states; exits 1 on any breach.

- Imports: every `import X` in Sources/<Module>/ names a module that the table between
  `<!-- imports:begin -->` and `<!-- imports:end -->` in docs/ARCHITECTURE.md allows for <Module>
  (system modules such as Foundation are always allowed), and every module of Sources/ has a row.
- Size: no Swift source file over 500 lines.
- Unsafe code: unsafe pointers, `@inline(__always)`, `@unchecked` and `@exclusivity` appear only
  in the files listed below (the rasterizer's inner loops, the PNG codec, the one byte buffer).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SYSTEM = {"Foundation", "Dispatch", "Glibc", "Darwin", "Synchronization", "Testing", "XCTest", "FoundationEssentials"}
MAX_LINES = 500
UNSAFE = re.compile(r"\bUnsafe[A-Za-z]*Pointer\b|@inline\(__always\)|@unchecked\b|@exclusivity\b|\bunsafeBitCast\b")
# Where unsafe code may stand: paths relative to the root, a trailing / for a whole folder.
UNSAFE_ALLOWED = [
    "Sources/Rasterizer/",
    "Sources/PNGCodec/",
    "Sources/SampleRecords/JSONWriter.swift",
]


def allowed_imports():
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- imports:begin -->(.*?)<!-- imports:end -->", text, re.S)
    if not m:
        sys.exit("check-layout: docs/ARCHITECTURE.md has no imports table (<!-- imports:begin --> ... end)")
    table = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        module = cells[0].strip("`")
        table[module] = set(re.findall(r"`([A-Za-z0-9_]+)`", cells[1]))
    return table


def main():
    problems = []
    table = allowed_imports()
    sources = ROOT / "Sources"
    modules = sorted(p.name for p in sources.iterdir() if p.is_dir())
    for module in modules:
        if module not in table:
            problems.append(f"Sources/{module}: no row in docs/ARCHITECTURE.md's imports table")
    for module in table:
        if module not in modules:
            problems.append(f"docs/ARCHITECTURE.md's imports table names {module}, which is not in Sources/")
    for path in sorted(sources.rglob("*.swift")):
        rel = path.relative_to(ROOT).as_posix()
        module = path.relative_to(sources).parts[0]
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_LINES:
            problems.append(f"{rel}: {len(lines)} lines (at most {MAX_LINES}: split it by role)")
        allowed = table.get(module, set()) | SYSTEM
        unsafe_ok = any(rel == a or (a.endswith("/") and rel.startswith(a)) for a in UNSAFE_ALLOWED)
        for n, line in enumerate(lines, 1):
            im = re.match(r"\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|func|protocol)\s+)?([A-Za-z0-9_]+)", line)
            if im and im.group(1) not in allowed:
                problems.append(f"{rel}:{n}: {module} imports {im.group(1)}, which docs/ARCHITECTURE.md does not allow it")
            code = line.split("//", 1)[0]
            if not unsafe_ok and UNSAFE.search(code):
                problems.append(f"{rel}:{n}: unsafe code outside the rasterizer, the PNG codec and JSONWriter: {line.strip()}")
    for p in problems:
        print(p)
    if problems:
        print(f"check-layout: {len(problems)} problem(s)")
        return 1
    print(f"check-layout: {len(modules)} modules, imports, file sizes and unsafe code as docs/ARCHITECTURE.md states")
    return 0


if __name__ == "__main__":
    sys.exit(main())
