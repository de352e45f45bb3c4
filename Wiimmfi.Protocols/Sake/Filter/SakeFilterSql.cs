using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>
/// Translates a parsed SAKE filter to a parameterised SQL condition, and a sort to an ORDER BY list.
/// </summary>
/// <remarks>
/// <para>
/// Safety: the SQL text is assembled only from this class's own keywords, the schema's column names
/// and templates, and parameter placeholders. Every literal and every field name from the client is
/// a parameter (<see cref="SakeSqlParameters"/>), so no filter can change the statement's shape —
/// <c>' or 1=1 --</c> is at most a string compared with a field.
/// </para>
/// <para>
/// Typing, following WiiLink's translation (sake.md §7): a field reads as its stored text, a missing
/// field as <c>'0'</c>; record metadata are integer columns except <c>tableid</c>. <c>=</c> and
/// <c>!=</c> compare as integers when both sides are integers (metadata, numbers, arithmetic) and as
/// text otherwise — so <c>course = 12</c> matches a stored <c>"12"</c>; <c>&lt; &gt; &lt;= &gt;=</c>
/// and <c>+ - &amp; | ^</c> work on 64-bit integers, casting text with the schema's cast (which
/// must turn non-numbers into 0). <c>^</c> is exclusive or, written as <c>(a|b)-(a&amp;b)</c> because
/// SQLite has no XOR and PostgreSQL's <c>^</c> is a power. <c>like</c> compares text with the
/// dialect's LIKE. <c>and</c>/<c>or</c> take conditions; an integer used as a condition means
/// "not zero". <c>SUBSTRING(text, start, length)</c> is the one function.
/// </para>
/// <para>
/// Refused (→ <see cref="SakeResult.FilterInvalid"/>): <c>* / %</c> (no reference translates them,
/// and division by zero fails differently per database), other functions, and comparing or
/// computing with conditions (<c>(a = 1) = 2</c>).
/// </para>
/// </remarks>
public static class SakeFilterSql
{
    /// <summary>Translates <paramref name="filter"/> to a condition for a WHERE clause.</summary>
    public static bool TryTranslateFilter(
        SakeFilterNode filter, SakeSqlSchema schema, SakeSqlParameters parameters,
        [NotNullWhen(true)] out string? sql, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(parameters);
        var translator = new Translator(schema, parameters);
        var result = translator.Translate(filter);
        sql = result is { } typed ? translator.AsCondition(typed) : null;
        error = translator.Error;
        if (sql is null)
        {
            error ??= "Filter cannot be translated.";
            return false;
        }
        return true;
    }

    /// <summary>
    /// Translates sort keys to an ORDER BY list (without the keywords); empty for no keys.
    /// </summary>
    /// <param name="fieldTypeOf">The table's field types; a field it does not know is a
    /// <see cref="SakeResult.SortInvalid"/>. Integer fields sort numerically, floats as reals,
    /// others as text. When null, every field sorts as text.</param>
    public static bool TryTranslateSort(
        IReadOnlyList<SakeSortKey> keys, SakeSqlSchema schema, SakeSqlParameters parameters,
        Func<string, SakeFieldType?>? fieldTypeOf,
        [NotNullWhen(true)] out string? sql, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            string expression;
            if ((MetadataColumn(key.Field, schema) ?? IndexedColumn(key.Field, schema)) is { } column)
            {
                expression = column.Sql;
            }
            else
            {
                SakeFieldType? type = null;
                if (fieldTypeOf is not null)
                {
                    type = fieldTypeOf(key.Field);
                    if (type is null)
                    {
                        sql = null;
                        error = $"Unknown sort field '{key.Field}'.";
                        return false;
                    }
                }
                var text = FieldText(key.Field, schema, parameters);
                expression = type switch
                {
                    { } t when SakeFieldTypes.IsInteger(t) => Format(schema.IntegerCast, text),
                    SakeFieldType.Float => Format(schema.RealCast, text),
                    _ => text,
                };
            }
            parts.Add(expression + (key.Descending ? " DESC" : " ASC"));
        }
        sql = string.Join(", ", parts);
        error = null;
        return true;
    }

    private enum Kind
    {
        Integer,
        Text,
        Condition,
        NumberLiteral,
        TextLiteral,
    }

    private readonly record struct Typed(Kind Kind, string Sql, long Number = 0, string Literal = "");

    private static Typed? MetadataColumn(string name, SakeSqlSchema schema) => name switch
    {
        SakeReservedFields.RecordId => new Typed(Kind.Integer, schema.RecordIdColumn),
        SakeReservedFields.OwnerId => new Typed(Kind.Integer, schema.OwnerIdColumn),
        SakeReservedFields.GameId => new Typed(Kind.Integer, schema.GameIdColumn),
        SakeReservedFields.TableId => new Typed(Kind.Text, schema.TableIdColumn),
        _ => null,
    };

    private static Typed? IndexedColumn(string name, SakeSqlSchema schema) =>
        schema.IndexedIntegerColumn?.Invoke(name) is { } column ? new Typed(Kind.Integer, column) : null;

    // A field's text, '0' when the record lacks it (WiiLink's rule).
    private static string FieldText(string name, SakeSqlSchema schema, SakeSqlParameters parameters) =>
        "COALESCE(" + schema.FieldValue(parameters.Add(name)) + ", '0')";

    private static string Format(string template, params object[] operands) =>
        string.Format(CultureInfo.InvariantCulture, template, operands);

    private sealed class Translator(SakeSqlSchema schema, SakeSqlParameters parameters)
    {
        public string? Error { get; private set; }

        private Typed? Fail(string message)
        {
            Error ??= message;
            return null;
        }

        public Typed? Translate(SakeFilterNode node) => node switch
        {
            SakeFilterNumber number => new Typed(Kind.NumberLiteral, "", Number: number.Value),
            SakeFilterString text => new Typed(Kind.TextLiteral, "", Literal: text.Value),
            SakeFilterIdentifier identifier => MetadataColumn(identifier.Name, schema)
                ?? IndexedColumn(identifier.Name, schema)
                ?? new Typed(Kind.Text, FieldText(identifier.Name, schema, parameters)),
            SakeFilterBinary binary => Binary(binary),
            SakeFilterFunction function => Function(function),
            _ => Fail("Unknown filter node."),
        };

        private Typed? Binary(SakeFilterBinary binary)
        {
            if (binary.Operator is SakeFilterOperator.Multiply or SakeFilterOperator.Divide or SakeFilterOperator.Modulo)
            {
                return Fail($"Operator '{SakeFilterOperators.Symbol(binary.Operator)}' is not supported.");
            }
            if (Translate(binary.Left) is not { } left || Translate(binary.Right) is not { } right)
            {
                return null;
            }

            switch (binary.Operator)
            {
                case SakeFilterOperator.And:
                case SakeFilterOperator.Or:
                    var keyword = binary.Operator == SakeFilterOperator.And ? " AND " : " OR ";
                    return new Typed(Kind.Condition, "(" + AsCondition(left) + keyword + AsCondition(right) + ")");
                case SakeFilterOperator.Like:
                    return Both(left, right, AsText, (l, r) => new Typed(Kind.Condition, $"({l} LIKE {r})"));
                case SakeFilterOperator.Equal:
                case SakeFilterOperator.NotEqual:
                    var sqlOperator = binary.Operator == SakeFilterOperator.Equal ? " = " : " <> ";
                    var asIntegers = IsInteger(left) && IsInteger(right);
                    return Both(left, right, asIntegers ? AsInteger : AsText, (l, r) => new Typed(Kind.Condition, "(" + l + sqlOperator + r + ")"));
                case SakeFilterOperator.Less:
                case SakeFilterOperator.Greater:
                case SakeFilterOperator.LessOrEqual:
                case SakeFilterOperator.GreaterOrEqual:
                    var comparison = SakeFilterOperators.Symbol(binary.Operator);
                    return Both(left, right, AsInteger, (l, r) => new Typed(Kind.Condition, $"({l} {comparison} {r})"));
                case SakeFilterOperator.BitXor:
                    return Both(left, right, AsInteger, (l, r) => new Typed(Kind.Integer, $"(({l} | {r}) - ({l} & {r}))"));
                default:
                    var arithmetic = SakeFilterOperators.Symbol(binary.Operator);
                    return Both(left, right, AsInteger, (l, r) => new Typed(Kind.Integer, $"({l} {arithmetic} {r})"));
            }
        }

        private Typed? Both(Typed left, Typed right, Func<Typed, string?> convert, Func<string, string, Typed> combine)
        {
            var l = convert(left);
            var r = convert(right);
            return l is null || r is null ? null : combine(l, r);
        }

        private Typed? Function(SakeFilterFunction function)
        {
            if (!function.Name.Equals("SUBSTRING", StringComparison.OrdinalIgnoreCase))
            {
                return Fail($"Function '{function.Name}' is not supported.");
            }
            if (function.Arguments.Count != 3)
            {
                return Fail("SUBSTRING takes (text, start, length).");
            }
            if (Translate(function.Arguments[0]) is not { } text
                || Translate(function.Arguments[1]) is not { } start
                || Translate(function.Arguments[2]) is not { } length)
            {
                return null;
            }
            var t = AsText(text);
            var s = AsInteger(start);
            var l = AsInteger(length);
            return t is null || s is null || l is null ? null : new Typed(Kind.Text, Format(schema.Substring, t, s, l));
        }

        private static bool IsInteger(Typed typed) => typed.Kind is Kind.Integer or Kind.NumberLiteral;

        public string? AsInteger(Typed typed) => typed.Kind switch
        {
            Kind.Integer => typed.Sql,
            Kind.NumberLiteral => parameters.Add(typed.Number),
            Kind.Text => Format(schema.IntegerCast, typed.Sql),
            Kind.TextLiteral => Format(schema.IntegerCast, parameters.Add(typed.Literal)),
            _ => NotAValue(),
        };

        public string? AsText(Typed typed) => typed.Kind switch
        {
            Kind.Text => typed.Sql,
            Kind.TextLiteral => parameters.Add(typed.Literal),
            Kind.NumberLiteral => parameters.Add(typed.Number.ToString(CultureInfo.InvariantCulture)),
            Kind.Integer => Format(schema.TextCast, typed.Sql),
            _ => NotAValue(),
        };

        public string? AsCondition(Typed typed) => typed.Kind == Kind.Condition
            ? typed.Sql
            : AsInteger(typed) is { } integer ? $"({integer} <> 0)" : null;

        private string? NotAValue()
        {
            Error ??= "A condition cannot be used as a value.";
            return null;
        }
    }
}
