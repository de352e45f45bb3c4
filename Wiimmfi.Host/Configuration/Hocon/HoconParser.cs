namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// Recursive-descent parser from tokens to the unresolved <see cref="HoconNode"/> tree of one file.
///
/// Grammar, informally (HOCON.md, "Syntax"):
/// <code>
/// document      = object | object-body          (root braces may be left out; the root is an object)
/// object        = "{" object-body "}"
/// object-body   = [ member { separator member } [","] ]
/// member        = "include" include-argument
///               | key ( ":" | "=" | "+=" ) value
///               | key object-value                (the separator may be left out before "{")
/// separator     = "," | newline                   (one comma at most; "[1,,2]" is an error)
/// value         = piece { inline-whitespace piece }   (a concatenation; never spans a newline)
/// piece         = string | number | true | false | null | unquoted | ${path} | ${?path} | object | array
/// array         = "[" [ value { separator value } [","] ] "]"
/// </code>
///
/// Invariants and the reasons for them:
/// * Keys are path expressions; <c>a.b.c = 1</c> is stored as nested objects at once, so later merging
///   sees the same shape either way.
/// * A concatenation without substitutions is folded here (string, array or object); only
///   concatenations that need resolution survive as <see cref="HoconConcatenationNode"/>.
/// * <c>a += b</c> becomes <c>a = ${?a} [b]</c> with the absolute path of <c>a</c>.
/// * Substitutions in an included file are fixed up to the include's location, keeping the written path
///   as the second place to look.
/// * Nesting is bounded (<see cref="MaxNesting"/>) so a hostile or broken file cannot overflow the stack.
/// </summary>
internal sealed class HoconParser
{
    /// <summary>Deeper nesting than this is a broken file, not a configuration; the bound keeps recursion safe.</summary>
    private const int MaxNesting = 200;

    private readonly HoconLexer _lexer;
    private readonly HoconIncluder _includer;
    private readonly HoconPath _filePrefix;
    private readonly string _directory;
    private int _nesting;

    /// <param name="filePrefix">Where this file's root sits in the whole configuration (root for top-level files).</param>
    /// <param name="directory">The directory relative includes are resolved against.</param>
    public HoconParser(HoconLexer lexer, HoconIncluder includer, HoconPath filePrefix, string directory)
    {
        _lexer = lexer;
        _includer = includer;
        _filePrefix = filePrefix;
        _directory = directory;
    }

    private HoconParseException Error(string problem, HoconOrigin origin) => new(problem, origin);

    public HoconObjectNode ParseDocument()
    {
        SkipBlank();
        var first = _lexer.Peek();
        if (first.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error("the root of a configuration file must be an object, not an array", first.Origin);
        }
        if (first.Kind == HoconTokenKind.OpenBrace)
        {
            var root = ParseObject(HoconPath.Root);
            SkipBlank();
            var after = _lexer.Peek();
            if (after.Kind != HoconTokenKind.End)
            {
                throw Error($"unexpected {after.Describe()} after the '}}' that closes the root object", after.Origin);
            }
            return root;
        }
        var body = new HoconObjectNode(first.Origin);
        ParseObjectBody(body, HoconPath.Root, braced: false, first.Origin);
        return body;
    }

    /// <summary>Skips whitespace, comments and newlines; returns true if at least one newline was skipped.</summary>
    private bool SkipBlank()
    {
        var sawNewline = false;
        while (true)
        {
            var kind = _lexer.Peek().Kind;
            if (kind == HoconTokenKind.Newline)
            {
                sawNewline = true;
            }
            else if (kind != HoconTokenKind.Whitespace)
            {
                return sawNewline;
            }
            _lexer.Next();
        }
    }

    private void SkipInlineWhitespace()
    {
        while (_lexer.Peek().Kind == HoconTokenKind.Whitespace)
        {
            _lexer.Next();
        }
    }

    private void EnterNesting(HoconOrigin origin)
    {
        if (++_nesting > MaxNesting)
        {
            throw Error($"objects and arrays are nested more than {MaxNesting} deep", origin);
        }
    }

    /// <param name="path">Path of this object relative to the file root, or null inside an array.</param>
    private HoconObjectNode ParseObject(HoconPath? path)
    {
        var open = _lexer.Next();
        EnterNesting(open.Origin);
        var obj = new HoconObjectNode(open.Origin);
        ParseObjectBody(obj, path, braced: true, open.Origin);
        _nesting--;
        return obj;
    }

    private void ParseObjectBody(HoconObjectNode obj, HoconPath? path, bool braced, HoconOrigin openOrigin)
    {
        var separated = true;
        var afterComma = false;
        while (true)
        {
            if (SkipBlank())
            {
                separated = true;
            }
            var token = _lexer.Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.End:
                    if (braced)
                    {
                        throw Error($"the object opened at line {openOrigin.Line}, column {openOrigin.Column} is not closed with '}}'", token.Origin);
                    }
                    return;
                case HoconTokenKind.CloseBrace:
                    if (!braced)
                    {
                        throw Error("'}' without a matching '{'", token.Origin);
                    }
                    _lexer.Next();
                    return;
                case HoconTokenKind.Comma:
                    throw Error(afterComma ? "two commas in a row (',' after ',')" : "',' where a key was expected", token.Origin);
            }
            if (!separated)
            {
                throw token.Kind is HoconTokenKind.Colon or HoconTokenKind.Equals
                    ? Error($"unexpected {token.Describe()} after a value; ':' and '=' must be quoted inside values", token.Origin)
                    : Error($"expected ',' or a new line before {token.Describe()}", token.Origin);
            }

            if (token is { Kind: HoconTokenKind.UnquotedText, Text: "include" })
            {
                _lexer.Next();
                ParseInclude(obj, path, token.Origin);
            }
            else
            {
                ParseField(obj, path);
            }

            SkipInlineWhitespace();
            separated = SkipBlank();
            afterComma = false;
            if (_lexer.Peek().Kind == HoconTokenKind.Comma)
            {
                _lexer.Next();
                separated = true;
                afterComma = true;
            }
        }
    }

    private void ParseInclude(HoconObjectNode obj, HoconPath? path, HoconOrigin origin)
    {
        var spec = _lexer.ReadIncludeArgument(origin);
        // Substitutions inside the included file are fixed up to start where the include sits. Inside an
        // array there is no such path, so they stay as written.
        var prefix = path is null ? HoconPath.Root : _filePrefix.Append(path);
        var included = _includer.Include(spec, _directory, prefix);
        if (included is not null)
        {
            obj.MergeFrom(included);
        }
    }

    private void ParseField(HoconObjectNode obj, HoconPath? path)
    {
        var keyOrigin = _lexer.Peek().Origin;
        var pieces = new List<HoconPathPiece>();
        HoconToken separator;
        while (true)
        {
            var token = _lexer.Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.QuotedString:
                    pieces.Add(new HoconPathPiece(token.Text, true, false, token.Origin));
                    _lexer.Next();
                    continue;
                case HoconTokenKind.UnquotedText or HoconTokenKind.Number or HoconTokenKind.Boolean or HoconTokenKind.Null:
                    pieces.Add(new HoconPathPiece(token.Text, false, false, token.Origin));
                    _lexer.Next();
                    continue;
                case HoconTokenKind.Whitespace:
                    pieces.Add(new HoconPathPiece(token.Text, false, true, token.Origin));
                    _lexer.Next();
                    continue;
                case HoconTokenKind.Colon or HoconTokenKind.Equals or HoconTokenKind.PlusEquals or HoconTokenKind.OpenBrace:
                    separator = token;
                    break;
                case HoconTokenKind.Substitution:
                    throw Error("substitutions are not allowed in keys", token.Origin);
                default:
                    if (pieces.Count == 0)
                    {
                        throw Error($"expected a key, found {token.Describe()}", token.Origin);
                    }
                    var key = string.Concat(pieces.Select(p => p.Text)).Trim();
                    throw Error($"expected ':', '=' or '{{' after the key '{key}', found {token.Describe()}", token.Origin);
            }
            break;
        }

        if (pieces.Count == 0)
        {
            throw Error($"expected a key before {separator.Describe()}", separator.Origin);
        }
        var keyPath = HoconLexer.BuildPath(pieces, keyOrigin, "key");
        var fieldPath = path?.Append(keyPath);

        HoconNode value;
        if (separator.Kind == HoconTokenKind.OpenBrace)
        {
            value = ParseValue(fieldPath);
        }
        else
        {
            _lexer.Next();
            SkipBlank();
            value = ParseValue(fieldPath);
            if (separator.Kind == HoconTokenKind.PlusEquals)
            {
                // a += b  is  a = ${?a} [b]  (HOCON.md, "The += field separator").
                var selfPath = _filePrefix.Append(fieldPath ?? keyPath);
                value = new HoconConcatenationNode(
                    [
                        new HoconSubstitutionNode(selfPath, null, optional: true, separator.Origin),
                        new HoconArrayNode([value], value.Origin),
                    ],
                    separator.Origin);
            }
        }
        obj.SetPath(keyPath, value, keyOrigin);
    }

    /// <summary>Parses a value: one piece, or several written side by side on one line (a concatenation).</summary>
    /// <param name="path">Path of the value relative to the file root, or null inside an array.</param>
    private HoconNode ParseValue(HoconPath? path)
    {
        var pieces = new List<HoconNode>();
        HoconToken? pendingWhitespace = null;
        while (true)
        {
            var token = _lexer.Peek();
            HoconNode? piece = token.Kind switch
            {
                HoconTokenKind.QuotedString => new HoconScalarNode(HoconValueKind.String, token.Text, token.Origin),
                HoconTokenKind.UnquotedText => new HoconScalarNode(HoconValueKind.String, token.Text, token.Origin),
                HoconTokenKind.Number => new HoconScalarNode(HoconValueKind.Number, token.Text, token.Origin),
                HoconTokenKind.Boolean => new HoconScalarNode(HoconValueKind.Boolean, token.Text, token.Origin),
                HoconTokenKind.Null => new HoconScalarNode(HoconValueKind.Null, token.Text, token.Origin),
                HoconTokenKind.Substitution => MakeSubstitution(token),
                _ => null,
            };
            if (token.Kind == HoconTokenKind.Whitespace)
            {
                _lexer.Next();
                if (pieces.Count > 0)
                {
                    pendingWhitespace = token;
                }
                continue;
            }
            if (piece is null && token.Kind is not (HoconTokenKind.OpenBrace or HoconTokenKind.OpenBracket))
            {
                break;
            }
            if (pendingWhitespace is not null)
            {
                pieces.Add(new HoconScalarNode(HoconValueKind.String, pendingWhitespace.Text, pendingWhitespace.Origin, isWhitespace: true));
                pendingWhitespace = null;
            }
            if (piece is not null)
            {
                _lexer.Next();
                pieces.Add(piece);
            }
            else if (token.Kind == HoconTokenKind.OpenBrace)
            {
                pieces.Add(ParseObject(path));
            }
            else
            {
                pieces.Add(ParseArray());
            }
        }

        if (pieces.Count == 0)
        {
            var token = _lexer.Peek();
            throw Error($"expected a value, found {token.Describe()}", token.Origin);
        }
        if (pieces.Count == 1)
        {
            return pieces[0];
        }
        return pieces.Any(p => p is HoconSubstitutionNode)
            ? new HoconConcatenationNode(pieces, pieces[0].Origin)
            : FoldConcatenation(pieces);
    }

    private HoconSubstitutionNode MakeSubstitution(HoconToken token)
    {
        var written = token.SubstitutionPath!;
        return _filePrefix.IsRoot
            ? new HoconSubstitutionNode(written, null, token.IsOptional, token.Origin)
            : new HoconSubstitutionNode(_filePrefix.Append(written), written, token.IsOptional, token.Origin);
    }

    /// <summary>Concatenates pieces that need no resolution: all simple values, all arrays, or all objects.</summary>
    private HoconNode FoldConcatenation(List<HoconNode> pieces)
    {
        var solid = pieces.Where(p => p is not HoconScalarNode { IsWhitespace: true }).ToList();
        var origin = pieces[0].Origin;
        if (solid.All(p => p is HoconScalarNode))
        {
            var text = string.Concat(pieces.Cast<HoconScalarNode>().Select(p => p.Text));
            return new HoconScalarNode(HoconValueKind.String, text, origin);
        }
        if (solid.All(p => p is HoconArrayNode))
        {
            return new HoconArrayNode(solid.Cast<HoconArrayNode>().SelectMany(a => a.Elements).ToList(), origin);
        }
        if (solid.All(p => p is HoconObjectNode))
        {
            HoconNode merged = solid[0];
            foreach (var next in solid.Skip(1))
            {
                merged = HoconNode.Merge(merged, next);
            }
            return merged;
        }
        var odd = solid.First(p => KindName(p) != KindName(solid[0]));
        throw Error($"cannot concatenate {KindName(solid[0])} with {KindName(odd)}: values written side by side must be all strings, all arrays or all objects", odd.Origin);
    }

    internal static string KindName(HoconNode node) => node switch
    {
        HoconObjectNode => "an object",
        HoconArrayNode => "an array",
        _ => "a string",
    };

    private HoconArrayNode ParseArray()
    {
        var open = _lexer.Next();
        EnterNesting(open.Origin);
        var elements = new List<HoconNode>();
        var separated = true;
        var afterComma = false;
        while (true)
        {
            if (SkipBlank())
            {
                separated = true;
            }
            var token = _lexer.Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBracket:
                    _lexer.Next();
                    _nesting--;
                    return new HoconArrayNode(elements, open.Origin);
                case HoconTokenKind.End:
                    throw Error($"the array opened at line {open.Origin.Line}, column {open.Origin.Column} is not closed with ']'", token.Origin);
                case HoconTokenKind.Comma:
                    throw Error(afterComma ? "two commas in a row (',' after ',')" : "',' where an array element was expected", token.Origin);
            }
            if (!separated)
            {
                throw Error($"expected ',' or a new line before {token.Describe()}", token.Origin);
            }
            elements.Add(ParseValue(null));

            SkipInlineWhitespace();
            separated = SkipBlank();
            afterComma = false;
            if (_lexer.Peek().Kind == HoconTokenKind.Comma)
            {
                _lexer.Next();
                separated = true;
                afterComma = true;
            }
        }
    }
}
