"""
Rewrites the `_objectSpread2(...)` calls in @trpc/server's compiled files as
native object spreads, the form tRPC's TypeScript source has. Babel's helper
copies key by key through defineProperty and, shared by every call site, is
megamorphic; it was tRPC's largest per-call cost (docs/decisions/003-express-lane.md).

Regenerating the patch for a new tRPC release:
    pnpm patch @trpc/server@<version> --edit-dir /tmp/trpc
    python3 patches/trpc-native-spreads.py $(grep -rl _objectSpread2 /tmp/trpc/dist)
    pnpm patch-commit /tmp/trpc
Every caller uses the helper's return value and passes plain data properties,
so the result is the same object. The script refuses object literals with a
`__proto__` key or ending in a line comment (which would swallow what follows);
accessors in the literals were ruled out by reading the call sites
(`grep -A15 _objectSpread2 | grep -E "(get|set) [a-zA-Z_$]+\("` finds none).
Check the files with `node --check` afterwards.
"""
import re, sys

CALL = "_objectSpread2("

def skip_string(s, i):
    q = s[i]; i += 1
    while i < len(s):
        c = s[i]
        if c == "\\": i += 2; continue
        if q == "`" and c == "$" and s[i+1:i+2] == "{":
            i = match(s, i + 1) + 1; continue
        if c == q: return i + 1
        i += 1
    raise ValueError("unterminated string")

def match(s, i):
    """Index of the bracket closing the one at s[i]."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[s[i]]]; i += 1
    while i < len(s):
        c = s[i]
        if c in "'\"`": i = skip_string(s, i); continue
        if s.startswith("//", i): i = s.index("\n", i); continue
        if s.startswith("/*", i): i = s.index("*/", i) + 2; continue
        if c in pairs: stack.append(pairs[c])
        elif c in ")]}":
            if c != stack.pop(): raise ValueError(f"mismatch at {i}")
            if not stack: return i
        i += 1
    raise ValueError("unbalanced")

def split_args(s):
    args, depth, start, i = [], 0, 0, 0
    while i < len(s):
        c = s[i]
        if c in "'\"`": i = skip_string(s, i); continue
        if c in "([{": i = match(s, i) + 1; continue
        if c == ",": args.append(s[start:i]); start = i + 1
        i += 1
    args.append(s[start:])
    return args

def is_literal(a):
    return a.startswith("{") and match(a, 0) == len(a) - 1

# ESM chunks call the helper by name; CommonJS ones through the chunk's require binding.
CALL_AT = re.compile(r"(?<![\w$.])(?:require_[\w$]+\.)?_objectSpread2\(")

def rewrite(s):
    out, i = [], 0
    while True:
        m = CALL_AT.search(s, i)
        if not m: out.append(s[i:]); return "".join(out)
        j = m.start()
        if s[max(0, j-9):j] == "function ":
            out.append(s[i:m.end()]); i = m.end(); continue
        open_ = m.end() - 1
        close = match(s, open_)
        args = [rewrite(a).strip() for a in split_args(s[open_ + 1:close])]
        parts = []
        for a in args:
            inner = a[1:-1] if a.startswith("({") and a.endswith("})") and is_literal(a[1:-1]) else a
            if inner == "{}": continue
            if is_literal(inner):
                body = inner[1:-1].strip().rstrip(",").strip()
                if "__proto__" in body: raise ValueError("__proto__ key")
                if "//" in body.rsplit("\n", 1)[-1]: raise ValueError(f"line comment ends a literal: {body[-80:]}")
                if body: parts.append(body)
            else:
                parts.append("..." + a)
        out.append(s[i:j]); out.append("({ " + ", ".join(parts) + " })"); i = close + 1

HELPER = "function _objectSpread2(e) {"
NATIVE_HELPER = """function _objectSpread2(e) {
\t// Patched by Tally (pnpm-workspace.yaml, docs/decisions/003-express-lane.md):
\t// every call tRPC's build made to this helper is rewritten as a native
\t// spread (patches/trpc-native-spreads.py); this native body covers any left.
\tfor (var r = 1; r < arguments.length; r++) {
\t\tvar t = arguments[r];
\t\tif (t != null) e = { ...e, ...t };
\t}
\treturn e;
}
"""

def replace_helper(s):
    start = s.find(HELPER)
    if start == -1: return s
    end = s.index("\n}\n", start) + 3
    return s[:start] + NATIVE_HELPER + s[end:]

for path in sys.argv[1:]:
    src = open(path).read()
    new = replace_helper(rewrite(src))
    n = src.count(CALL) - new.count(CALL)
    open(path, "w").write(new)
    print(f"{path}: {n} calls rewritten, {new.count(CALL)} left")
