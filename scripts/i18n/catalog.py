#!/usr/bin/env python3
"""Corridor's translation catalogues: gettext PO files, in
Sources/CorridorLanguages/Resources/locales/{language}/{part}.po — a language's messages are split
in files by part of Corridor (so that work on one part does not touch another's file).

  python3 scripts/i18n/catalog.py extract F    writes F, a PO template (.pot): every message the
                                               code and templates show, in English
  python3 scripts/i18n/catalog.py check        fails (exit 1) when a language misses a message,
                                               holds one nothing uses, or a translation's
                                               placeholders differ from the English
  python3 scripts/i18n/catalog.py missing fr [PATH-PREFIX]
                                               lists French's missing messages as PO entries (only
                                               those used under PATH-PREFIX, when given), to
                                               translate and add to a file of locales/fr/
  python3 scripts/i18n/catalog.py unused       removes from every file the messages nothing uses

Where messages come from:
  - templates: text marked {{#t}}…{{/t}}; {name} is a value of the page;
  - Swift: L("…") in the server, and the phrases the rules raise (Problem(… problem: "…"),
    DomainError cases, ProblemList.add(field:, "…"), fail/warn/need(…, "…"), Phrase("…"));
    each interpolation \\(…) becomes {0}, {1}… in order.
The English text is the message's key (gettext's msgid), so English needs no catalogue.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOCALES = os.path.join(ROOT, "Sources/CorridorLanguages/Resources/locales")
TEMPLATES = os.path.join(ROOT, "Sources/CorridorServer/Resources/templates")
SWIFT_DIRS = ["Sources/CorridorCore", "Sources/CorridorFormats", "Sources/CorridorIngest", "Sources/CorridorStore",
              "Sources/CorridorServer", "Sources/CorridorLanguages"]
LANGUAGES = ["fr", "es", "pt", "ar"]

# What stands right before a literal that is a phrase.
PHRASE_CONTEXT = re.compile(
    r"(?:\bL\(|\bPhrase\(|\bproblem:|\.invalid\(field:[^\n]*?,|\.(?:notFound|conflict|forbidden|unauthenticated|tooLarge|"
    r"internalFailure|locked)\(|\badd\(field:[^\n]*?,|\b(?:fail|warn|need)\([^\n\"]*?,|\bmessage:|"
    r"TransportDocumentProblem\()\s*$")


def swift_literals(text):
    """(start offset, pattern) of each one-line string literal; interpolations become {0}, {1}…"""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            i = n if end < 0 else end + 3
            continue
        if c == '"':
            start = i
            i += 1
            pattern, count = "", 0
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "(":
                    depth, j = 1, i + 2
                    while j < n and depth:
                        if text[j] == "(":
                            depth += 1
                        elif text[j] == ")":
                            depth -= 1
                        elif text[j] == '"':  # a literal inside the interpolation
                            j = text.find('"', j + 1)
                        j += 1
                    pattern += "{%d}" % count
                    count += 1
                    i = j
                    continue
                if text[i] == "\\" and i + 1 < n:
                    escape = text[i + 1]
                    pattern += {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'"}.get(escape, "\\" + escape)
                    if escape == "u":
                        close = text.find("}", i)
                        pattern = pattern[:-2] + chr(int(text[i + 3:close], 16))
                        i = close + 1
                        continue
                    i += 2
                    continue
                if text[i] == "\n":
                    break
                pattern += text[i]
                i += 1
            yield start, i + 1, pattern, count
            i += 1
            continue
        i += 1


def renumber(pattern, offset):
    return re.sub(r"\{(\d+)\}", lambda m: "{%d}" % (int(m.group(1)) + offset), pattern)


def swift_messages():
    found = {}
    for directory in SWIFT_DIRS:
        for folder, _, files in os.walk(os.path.join(ROOT, directory)):
            for name in sorted(files):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(folder, name)
                text = open(path, encoding="utf-8").read()
                literals = list(swift_literals(text))
                k = 0
                while k < len(literals):
                    start, end, pattern, count = literals[k]
                    before = text[max(0, start - 160):start]
                    if PHRASE_CONTEXT.search(before):
                        # "a \(x) " + "b \(y)": one phrase, as Phrase's + makes it.
                        while k + 1 < len(literals) and re.fullmatch(r"\s*\+\s*", text[end:literals[k + 1][0]]):
                            k += 1
                            pattern += renumber(literals[k][2], count)
                            count += literals[k][3]
                            end = literals[k][1]
                        if pattern.strip() and pattern != "{0}" and re.search(r"[A-Za-z]", pattern):
                            line = text.count("\n", 0, start) + 1
                            found.setdefault(pattern, []).append(f"{os.path.relpath(path, ROOT)}:{line}")
                    k += 1
    return found


def template_messages():
    found = {}
    for name in sorted(os.listdir(TEMPLATES)):
        if name.endswith(".mustache"):
            text = open(os.path.join(TEMPLATES, name), encoding="utf-8").read()
            for match in re.finditer(r"\{\{#t\}\}(.*?)\{\{/t\}\}", text, re.S):
                line = text.count("\n", 0, match.start()) + 1
                found.setdefault(match.group(1), []).append(f"Sources/CorridorServer/Resources/templates/{name}:{line}")
    return found


def messages():
    found = swift_messages()
    for key, places in template_messages().items():
        found.setdefault(key, []).extend(places)
    return found


def po_quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def po_unquote(text):
    out, i = "", 1
    while i < len(text) - 1:
        if text[i] == "\\":
            out += {"n": "\n", "t": "\t"}.get(text[i + 1], text[i + 1])
            i += 2
        else:
            out += text[i]
            i += 1
    return out


def read_po(path):
    """msgid → (msgstr, fuzzy, comments) in file order."""
    entries, entry, field = {}, {"comments": [], "fuzzy": False}, None

    def flush():
        if "msgid" in entry and entry["msgid"]:
            entries[entry["msgid"]] = (entry.get("msgstr", ""), entry["fuzzy"], entry["comments"])

    for line in open(path, encoding="utf-8").read().split("\n") + [""]:
        line = line.strip()
        if not line:
            flush()
            entry, field = {"comments": [], "fuzzy": False}, None
            continue
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        if line.startswith("#. ") or line.startswith("# "):
            entry["comments"].append(line)
        if line.startswith("#"):
            continue
        for keyword in ("msgctxt", "msgid", "msgstr"):
            if line.startswith(keyword + " "):
                field = keyword
                entry[field] = po_unquote(line[len(keyword) + 1:])
        if line.startswith('"') and field:
            entry[field] += po_unquote(line)
    return entries


def header(language):
    return (f'# Corridor interface and messages, {language}.\n# The glossary docs/i18n/glossary-{language}.md gives the terms these translations follow.\n'
            if language else "# Corridor interface and messages: the English text each language translates.\n") + \
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + \
        (f'"Language: {language}\\n"\n' if language else "") + "\n"


def write_po(path, language, keys, translations, places):
    with open(path, "w", encoding="utf-8") as out:
        out.write(header(language))
        for key in keys:
            for place in sorted(set(places.get(key, [])))[:3]:
                out.write(f"#: {place}\n")
            if re.search(r"\{\w+\}", key):
                out.write("#, corridor-format\n")
            out.write(f"msgid {po_quote(key)}\nmsgstr {po_quote(translations.get(key, ''))}\n\n")


def placeholders(text):
    return sorted(re.findall(r"\{\w+\}", text))


def language_entries(language):
    """msgid → (msgstr, fuzzy, file) over the language's files; duplicates reported."""
    entries, duplicates = {}, []
    folder = os.path.join(LOCALES, language)
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".po"):
            for key, (value, fuzzy, _) in read_po(os.path.join(folder, name)).items():
                if key in entries:
                    duplicates.append(f"{language}/{name} repeats {key!r} (also in {entries[key][2]})")
                entries[key] = (value, fuzzy, f"{language}/{name}")
    return entries, duplicates


def check():
    found = messages()
    failures = []
    for language in LANGUAGES:
        entries, duplicates = language_entries(language)
        failures += duplicates
        missing = [k for k in found if not entries.get(k, ("", False, ""))[0] or entries[k][1]]
        unused = [k for k in entries if k not in found]
        wrong = [k for k, (v, _, _) in entries.items() if v and k in found and placeholders(v) != placeholders(k)]
        for k in missing[:15]:
            failures.append(f"{language} misses {k!r} ({found[k][0]})")
        if len(missing) > 15:
            failures.append(f"{language} misses {len(missing) - 15} more (python3 scripts/i18n/catalog.py missing {language})")
        for k in unused[:15]:
            failures.append(f"{entries[k][2]} holds {k!r}, which nothing uses")
        if len(unused) > 15:
            failures.append(f"{language} holds {len(unused) - 15} more messages nothing uses")
        for k in wrong:
            failures.append(f"{entries[k][2]}: the placeholders of {entries[k][0]!r} differ from {k!r}")
    return failures


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    found = messages()
    keys = sorted(found)
    if command == "extract":
        write_po(sys.argv[2], None, keys, {}, found)
        print(f"{len(keys)} messages")
    elif command == "unused":
        for language in LANGUAGES:
            folder = os.path.join(LOCALES, language)
            for name in sorted(os.listdir(folder)):
                if name.endswith(".po"):
                    path = os.path.join(folder, name)
                    entries = read_po(path)
                    kept = [k for k in entries if k in found]
                    if len(kept) != len(entries):
                        write_po(path, language, kept, {k: v for k, (v, _, _) in entries.items()}, found)
    elif command == "missing":
        language = sys.argv[2]
        prefix = sys.argv[3] if len(sys.argv) > 3 else ""
        entries, _ = language_entries(language)
        for key in keys:
            places = [p for p in found[key] if p.startswith(prefix)]
            if places and not entries.get(key, ("",))[0]:
                print("".join(f"#: {p}\n" for p in places[:3]) + f"msgid {po_quote(key)}\nmsgstr \"\"\n")
    elif command == "check":
        failures = check()
        for failure in failures:
            print(failure)
        print("catalogues: " + ("FAIL" if failures else "ok") + f" ({len(keys)} messages, {len(LANGUAGES)} languages)")
        sys.exit(1 if failures else 0)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
