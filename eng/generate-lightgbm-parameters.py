#!/usr/bin/env python3
"""Writes plugins/LightGbm/Parameters/ParameterTable.g.cs from LightGBM's own parameter definitions.

LightGBM documents every parameter in include/LightGBM/config.h with structured comments (type, options,
check, desc) above its declaration, and generates src/io/config_auto.cpp from them (Config::ParameterTypes,
the CHECK_* calls of Config::GetMembersFromString). This script reads the same two files, so the plan-time
checks of lightgbm.train are LightGBM's checks, not a hand-picked list.

Usage, after a LightGBM upgrade (update the tag to the version the LightGBM NuGet package ships):
    git clone --depth 1 --branch v4.6.0 https://github.com/microsoft/LightGBM /tmp/LightGBM
    eng/generate-lightgbm-parameters.py /tmp/LightGBM v4.6.0
The tests in tests/LightGbm.Tests (ParameterTableTests) check the table against the native library.
"""
import os
import re
import sys

OUTPUT = os.path.join(os.path.dirname(__file__), "..", "plugins", "LightGbm", "Parameters", "ParameterTable.g.cs")

# C++ types of Config::ParameterTypes -> ParameterType members; the config.h "type =" comment refines strings.
CPP_TYPES = {
    "int": "Int",
    "double": "Double",
    "bool": "Bool",
    "string": "String",
    "vector<string>": "StringList",
    "vector<int>": "IntList",
    "vector<double>": "DoubleList",
    "vector<vector<int>>": "IntListList",
}

DOC_TYPES = {
    "enum": "Enum",
    "multi-enum": "EnumList",
    "int or string": "String",
    "multi-int or string": "IntListOrNames",
}


def parameter_types(config_auto):
    body = config_auto.split("Config::ParameterTypes()", 1)[1]
    return dict(re.findall(r'\{"(\w+)", "([\w<>]+)"\}', body))


def blocks(config_h):
    """Yields (name, default, comment lines) for every member of struct Config that has comments."""
    comments = []
    for raw in config_h.splitlines():
        line = raw.strip()
        if line.startswith("//"):
            comments.append(line[2:].strip())
            continue
        declaration = re.match(r"^(?:std::)?[\w:<>,\s]+?\s+(\w+)(?:\s*=\s*(.*?))?;$", line)
        if declaration and comments:
            yield declaration.group(1), (declaration.group(2) or "").strip(), comments
        comments = []


def values_with_aliases(comments, options):
    """Enum values named in desc lines (``value``, ..., aliases: ``a``, ``b``), in the order of options."""
    found = {}
    for c in comments:
        m = re.match(r"^descl?2? = ``([\w\"]+)``(?:,| \(|$)(.*)$", c)
        if not m:
            continue
        value = m.group(1).strip('"')
        if not value:
            continue
        aliases = []
        a = re.search(r"aliases: (.*)$", m.group(2))
        if a:
            aliases = re.findall(r"``([\w]+)``", a.group(1))
        found.setdefault(value, aliases)
    names = options or list(found)
    return [(v, found.get(v, [])) for v in names] + [(v, a) for v, a in found.items() if v not in names]


def cs_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number(text):
    return text if "." in text or "e" in text else text + ".0"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root, tag = sys.argv[1], sys.argv[2]
    with open(os.path.join(root, "include", "LightGBM", "config.h"), encoding="utf-8") as f:
        config_h = f.read()
    with open(os.path.join(root, "src", "io", "config_auto.cpp"), encoding="utf-8") as f:
        config_auto = f.read()
    types = parameter_types(config_auto)
    entries = []
    seen = set()
    for name, default, comments in blocks(config_h):
        if name not in types or name in seen:
            continue
        seen.add(name)
        meta = {}
        for c in comments:
            m = re.match(r"^(type|options|default) = (.*)$", c)
            if m:
                meta[m.group(1)] = m.group(2).strip()
        kind = DOC_TYPES.get(meta.get("type", ""), CPP_TYPES[types[name]])
        checks = [(op, value) for op, value in (re.match(r"^check = ([<>]=?)\s*([-\d.e]+)$", c).groups()
                                                for c in comments if re.match(r"^check = ([<>]=?)\s*([-\d.e]+)$", c))]
        cli_only = any("can be used only in CLI version" in c for c in comments if c.startswith("desc = **Note**"))
        default = meta.get("default", default).strip('"')
        parts = [f"new({cs_string(name)}, ParameterType.{kind}, {cs_string(default)})"]
        inits = []
        if checks:
            inits.append("Checks = [" + ", ".join(f"new({cs_string(op)}, {number(v)})" for op, v in checks) + "]")
        if kind in ("Enum", "EnumList"):
            options = [o.strip() for o in meta.get("options", "").split(",") if o.strip()]
            values = values_with_aliases(comments, options)
            inits.append("Values = [" + ", ".join(
                f"new({cs_string(v)}, [{', '.join(cs_string(a) for a in aliases)}])" for v, aliases in values) + "]")
        if cli_only:
            inits.append("CliOnly = true")
        entry = parts[0] + (" { " + ", ".join(inits) + " }" if inits else "")
        entries.append(entry)
    missing = sorted(set(types) - seen)
    if missing:
        sys.exit("no config.h block for: " + ", ".join(missing))
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("// <auto-generated>\n")
        out.write(f"// Generated by eng/generate-lightgbm-parameters.py from LightGBM {tag}: include/LightGBM/config.h\n")
        out.write("// (type, options, check, desc of each parameter) and src/io/config_auto.cpp (Config::ParameterTypes).\n")
        out.write("// Do not edit by hand: rerun the script after a LightGBM upgrade.\n")
        out.write("// </auto-generated>\n")
        out.write("namespace NumeraiPipeline.Plugins.LightGbm.Parameters;\n\n")
        out.write("internal static partial class ParameterTable\n{\n")
        out.write(f"    /// <summary>The LightGBM version the table was generated from.</summary>\n")
        out.write(f"    public const string SourceVersion = {cs_string(tag)};\n\n")
        out.write("    private static ParameterRule[] Generated() =>\n    [\n")
        for e in entries:
            out.write(f"        {e},\n")
        out.write("    ];\n}\n")
    print(f"wrote {len(entries)} parameters to {os.path.normpath(OUTPUT)}")


if __name__ == "__main__":
    main()
