using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>
/// A table rule applied to values: what a client may write, what it may ask for, and what each record answers —
/// exactly one value per requested field, in request order (the SDK refuses the whole answer otherwise).
/// </summary>
internal static class SakeRecordValues
{
    /// <summary>Checks written values: declared types and lengths; undeclared fields only where the table allows them.</summary>
    public static SakeResult CheckWritten(SakeTableRule rule, IReadOnlyList<SakeField> values, SakeLimits limits)
    {
        foreach (var field in values)
        {
            if (rule.Fields.TryGetValue(field.Name, out var declared))
            {
                if (field.Value.Type != declared.Type)
                {
                    return SakeResult.FieldTypeInvalid;
                }
                if (declared.MaxLength is { } max && LengthOf(field.Value) > max)
                {
                    return SakeResult.FieldTypeInvalid;
                }
            }
            else if (rule.Hardened)
            {
                return SakeResult.FieldNotFound;
            }
            if (LengthOf(field.Value) > limits.MaxValueLength)
            {
                return SakeResult.FieldTypeInvalid;
            }
        }
        return SakeResult.Success;
    }

    /// <summary>The written values plus the declared defaults of fields they leave out (later duplicates win).</summary>
    public static IReadOnlyList<SakeField> WithDefaults(SakeTableRule rule, IReadOnlyList<SakeField> values, DateTimeOffset now)
    {
        var result = new List<SakeField>(values);
        foreach (var (name, declared) in rule.Fields)
        {
            if (declared.Default == SakeFieldDefault.Now && declared.Type == SakeFieldType.DateAndTime && !values.Any(v => v.Name == name))
            {
                result.Add(new SakeField(name, SakeValue.FromDateTime(now.UtcDateTime)));
            }
        }
        return result;
    }

    /// <summary>Checks requested field names: rating fields need a rateable table, a hardened table knows all its fields.</summary>
    public static SakeResult CheckRequested(SakeTableRule rule, IReadOnlyList<string> fields)
    {
        foreach (var name in fields)
        {
            if (IsRatingField(name))
            {
                if (!rule.Rateable)
                {
                    return SakeResult.FieldNotFound;
                }
            }
            else if (name != SakeReservedFields.TableId && rule.Hardened && rule.TypeOf(name) is null)
            {
                return SakeResult.FieldNotFound;
            }
        }
        return SakeResult.Success;
    }

    /// <summary>
    /// The values one record answers, or null to leave the record out: a record lacking an undeclared field it was
    /// asked for is skipped (WiiLink's rule — no value of the right type can be made up); a lacking declared field
    /// answers its type's empty value.
    /// </summary>
    public static IReadOnlyList<SakeValue>? Read(SakeTableRule rule, SakeStoredRecord record, IReadOnlyList<string> fields, uint caller)
    {
        var values = new SakeValue[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i];
            var value = name switch
            {
                SakeReservedFields.RecordId => SakeValue.FromInt32(record.RecordId),
                // Profile ids above 2^31 travel as negative s32, as the SDK writes them with %d.
                SakeReservedFields.OwnerId => SakeValue.FromInt32(unchecked((int)record.OwnerId)),
                SakeReservedFields.TableId => SakeValue.FromAsciiString(rule.TableId),
                SakeReservedFields.NumRatings => SakeValue.FromInt32(record.NumRatings),
                SakeReservedFields.SumRatings => SakeValue.FromInt32((int)Math.Min(record.SumRatings, int.MaxValue)),
                SakeReservedFields.AverageRating => SakeValue.FromSingle(record.AverageRating),
                SakeReservedFields.MyRating => SakeValue.FromInt32(record.MyRating ?? 0),
                _ => Field(rule, record, name, caller),
            };
            if (value is null)
            {
                return null;
            }
            values[i] = value;
        }
        return values;
    }

    private static SakeValue? Field(SakeTableRule rule, SakeStoredRecord record, string name, uint caller)
    {
        rule.Fields.TryGetValue(name, out var declared);
        if (!record.Fields.TryGetValue(name, out var stored))
        {
            return declared is null ? null : EmptyValue(declared.Type);
        }
        if (declared?.ScrubForOthers == SakeValueScrub.MiiAtStart && record.OwnerId != caller && stored.Type == SakeFieldType.BinaryData)
        {
            return WithoutMiiPersonalData(stored);
        }
        return stored;
    }

    /// <summary>
    /// A binary value whose first 0x4C bytes are a Mii, with the Mii's personal data removed. Only when the Mii's
    /// CRC is valid (otherwise it is not a Mii, and the value is served as stored), as WiiLink does.
    /// </summary>
    private static SakeValue WithoutMiiPersonalData(SakeValue value)
    {
        var bytes = value.GetBytes();
        if (bytes.Length < MiiData.Size || !MiiData.HasValidCrc(bytes.AsSpan(0, MiiData.Size)))
        {
            return value;
        }
        MiiData.RemovePersonalData(bytes.AsSpan(0, MiiData.Size));
        return SakeValue.FromBinary(bytes);
    }

    private static SakeValue EmptyValue(SakeFieldType type) => type switch
    {
        SakeFieldType.Byte => SakeValue.FromByte(0),
        SakeFieldType.Short => SakeValue.FromInt16(0),
        SakeFieldType.Int => SakeValue.FromInt32(0),
        SakeFieldType.Int64 => SakeValue.FromInt64(0),
        SakeFieldType.Float => SakeValue.FromSingle(0),
        SakeFieldType.AsciiString => SakeValue.FromAsciiString(""),
        SakeFieldType.UnicodeString => SakeValue.FromUnicodeString(""),
        SakeFieldType.Boolean => SakeValue.FromBoolean(false),
        SakeFieldType.DateAndTime => SakeValue.FromDateTime(DateTime.UnixEpoch),
        _ => SakeValue.FromBinary([]),
    };

    private static bool IsRatingField(string name) =>
        name is SakeReservedFields.NumRatings or SakeReservedFields.SumRatings or SakeReservedFields.AverageRating or SakeReservedFields.MyRating;

    /// <summary>Characters of a string, decoded bytes of binary data, 0 for numbers.</summary>
    private static int LengthOf(SakeValue value) => value.Type switch
    {
        SakeFieldType.AsciiString or SakeFieldType.UnicodeString => value.Text.Length,
        SakeFieldType.BinaryData => value.Text.Length / 4 * 3 - value.Text.AsSpan().Count('='),
        _ => 0,
    };
}
