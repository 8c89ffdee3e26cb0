#!/usr/bin/env python3
"""Keep docs/cli.md in step with the commands' own --help output.

Usage:
    scripts/update-cli-doc.py [--check] [--doc PATH] [BIN]

BIN is the fabrique binary: the first argument, else the BIN environment variable, else
.build/debug/fabrique under the repository root. The script runs `BIN --help`, reads the
SUBCOMMANDS sections of that help (grouped ones too) and walks every subcommand the same way.

In docs/cli.md each command has a section:

    ## fabrique SUB SUBSUB
    Prose written by hand.
    <!-- help: fabrique SUB SUBSUB -->
    ```text
    (the output of `fabrique SUB SUBSUB --help`)
    ```

Without --check, the script rewrites every block that follows a marker with the current help,
and appends a section (heading, a one-line description taken from the help's OVERVIEW, marker
and block) for every command that has no marker yet, right after the section of the command
before it in the tree. It never deletes a section: it names the markers of commands that no
longer exist, for a person to remove with their prose.

With --check, it writes nothing and exits 1 when a block differs from the help, a command has
no marker, or a marker names a command that no longer exists, listing each of them.

Every help is taken with COLUMNS=80 and LINES=25 (ArgumentParser wraps to the terminal width)
and without USER or FABRIQUE_* variables (an option's default may come from them), so the
blocks do not depend on who runs the script. Standard library only.
"""

import os
import re
import subprocess
import sys

ROOT = "fabrique"
ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"^<!-- help: (fabrique(?: [^ >]+)*) -->$")
SUBCOMMANDS_HEADER = re.compile(r"^(?:[^a-z]+ )?SUBCOMMANDS:$")
FENCE_OPEN = "```text"
FENCE_CLOSE = "```"


def help_environment():
    """The environment every help is taken in: fixed width, no per-user defaults."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("USER", "LOGNAME") and not key.startswith("FABRIQUE_")}
    env.update({"COLUMNS": "80", "LINES": "25", "LC_ALL": "C.UTF-8"})
    return env


def help_text(binary, words):
    """The output of `fabrique WORDS --help`, without its final newlines."""
    result = subprocess.run([binary, *words, "--help"], capture_output=True, text=True, env=help_environment())
    if result.returncode != 0:
        sys.exit(f"{binary} {' '.join(words)} --help exited with {result.returncode}:\n{result.stderr}")
    return result.stdout.rstrip("\n")


def subcommands(text):
    """The names listed in the help's SUBCOMMANDS sections, in order.

    A section is a header line (`SUBCOMMANDS:` or `GROUP SUBCOMMANDS:`) followed by lines
    indented by two spaces, one per command (`name`, `name, alias` or `name (default)`); an
    abstract that wraps continues on lines indented further. A blank line ends the section.
    """
    names = []
    in_section = False
    for line in text.splitlines():
        if SUBCOMMANDS_HEADER.match(line):
            in_section = True
        elif not line.strip():
            in_section = False
        elif in_section and line.startswith("  ") and not line.startswith("   "):
            name = re.split(r"[ ,]", line.strip(), maxsplit=1)[0]
            if name != "help":
                names.append(name)
    return names


def overview(text):
    """The first paragraph of the help's OVERVIEW, on one line."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("OVERVIEW:"):
        return ""
    paragraph = [lines[0][len("OVERVIEW:"):].strip()]
    for line in lines[1:]:
        if not line.strip():
            break
        paragraph.append(line.strip())
    return " ".join(part for part in paragraph if part)


def walk(binary):
    """Every command of the tree, root first, each followed by its subcommands: (name, help)."""
    commands = []

    def visit(words):
        text = help_text(binary, words)
        commands.append((" ".join([ROOT, *words]), text))
        for child in subcommands(text):
            visit([*words, child])

    visit([])
    return commands


def find_blocks(lines, doc):
    """Each marker's command and the line range of its block's content: {name: (start, end)}."""
    blocks = {}
    for index, line in enumerate(lines):
        match = MARKER.match(line)
        if not match:
            continue
        name = match.group(1)
        if name in blocks:
            sys.exit(f"{doc}:{index + 1}: a second marker for '{name}'; keep one section per command")
        if index + 1 >= len(lines) or lines[index + 1] != FENCE_OPEN:
            sys.exit(f"{doc}:{index + 2}: the marker for '{name}' must be followed by a line {FENCE_OPEN}")
        end = index + 2
        while end < len(lines) and lines[end] != FENCE_CLOSE:
            end += 1
        if end == len(lines):
            sys.exit(f"{doc}:{index + 2}: the block for '{name}' is not closed by a line {FENCE_CLOSE}")
        blocks[name] = (index + 2, end)
    return blocks


def new_section(name, text):
    """The lines of a section for a command that has none yet."""
    description = overview(text) or f"The `{name}` command."
    return ["", f"## {name}", "", description, "", f"<!-- help: {name} -->", FENCE_OPEN, *text.splitlines(), FENCE_CLOSE]


def update(lines, commands, doc):
    """The document with every block rewritten and missing sections added; what changed."""
    differs, missing = [], []
    previous = None
    for name, text in commands:
        blocks = find_blocks(lines, doc)
        wanted = text.splitlines()
        if name in blocks:
            start, end = blocks[name]
            if lines[start:end] != wanted:
                differs.append(name)
                lines[start:end] = wanted
        else:
            missing.append(name)
            if previous is not None:
                at = blocks[previous][1] + 1
            else:
                at = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
            lines[at:at] = new_section(name, text)
        previous = name
    known = {name for name, _ in commands}
    stale = [name for name in find_blocks(lines, doc) if name not in known]
    return lines, differs, missing, stale


def main(argv):
    check = "--check" in argv
    args = [arg for arg in argv if arg != "--check"]
    doc = os.path.join(ROOT_DIR, "docs", "cli.md")
    if "--doc" in args:
        at = args.index("--doc")
        if at + 1 >= len(args):
            sys.exit("--doc needs a path")
        doc = args[at + 1]
        del args[at:at + 2]
    if len(args) > 1 or any(arg.startswith("-") for arg in args):
        sys.exit("usage: " + __doc__.strip().splitlines()[3].strip())
    binary = args[0] if args else os.environ.get("BIN") or os.path.join(ROOT_DIR, ".build", "debug", "fabrique")
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary}: no executable here; build fabrique first, or pass the binary as BIN or as the first argument")

    with open(doc, encoding="utf-8") as file:
        original = file.read()
    lines, differs, missing, stale = update(original.splitlines(), walk(binary), doc)

    if check:
        if not (differs or missing or stale):
            print(f"{doc}: every command's help block matches its --help")
            return 0
        print(f"{doc} is out of date; run scripts/update-cli-doc.py to rewrite the blocks:")
        for name in differs:
            print(f"  differs: {name}")
        for name in missing:
            print(f"  missing: {name}")
        for name in stale:
            print(f"  stale (no such command any more): {name}")
        return 1

    updated = "\n".join(lines) + "\n"
    if updated != original:
        with open(doc, "w", encoding="utf-8") as file:
            file.write(updated)
    print(f"{doc}: {len(differs)} block(s) rewritten, {len(missing)} section(s) added")
    for name in missing:
        print(f"  added: {name} (describe it: the section holds only the OVERVIEW's first paragraph)")
    for name in stale:
        print(f"  stale: {name} is no longer a command; remove its section by hand")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
