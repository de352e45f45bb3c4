using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Reads a SAKE response as the console does (for the console emulator and round-trip tests).
/// Accepts any envelope prefix (WiiLink <c>s:</c>, AltWFC <c>soap:</c>).
/// </summary>
public static class SakeResponseParser
{
    public static bool TryParse(
        ReadOnlySpan<byte> body, SakeAction action, SakeLimits? limits,
        [NotNullWhen(true)] out SakeResponse? response, [NotNullWhen(false)] out string? error)
    {
        limits ??= SakeLimits.Default;
        response = null;
        if (!SoapEnvelopeReader.TryReadBodyContent(body, limits.Soap, out var element, out var fault))
        {
            error = fault.Reason;
            return false;
        }
        XNamespace sake = SakeWire.Namespace;
        if (element.Name != sake + (action + "Response"))
        {
            error = $"Expected {action}Response, found {element.Name}.";
            return false;
        }
        var resultText = element.Element(sake + (action + "Result"))?.Value;
        if (resultText is null)
        {
            error = "The result element is missing.";
            return false;
        }
        var result = SakeResultText.Parse(resultText);
        if (result != SakeResult.Success)
        {
            response = SakeResponse.ResultOnly(action, result);
            error = null;
            return true;
        }

        error = null;
        switch (action)
        {
            case SakeAction.CreateRecord:
                if (!TryInt(element.Element(sake + "recordid"), out var recordId))
                {
                    error = "recordid is missing or not an integer.";
                    return false;
                }
                response = new SakeCreateRecordResponse(result, recordId);
                return true;
            case SakeAction.GetRecordCount:
                if (!TryInt(element.Element(sake + "count"), out var count))
                {
                    error = "count is missing or not an integer.";
                    return false;
                }
                response = new SakeRecordCountResponse(result, count);
                return true;
            case SakeAction.GetRecordLimit:
                if (!TryInt(element.Element(sake + "limitPerOwner"), out var limitPerOwner)
                    || !TryInt(element.Element(sake + "numOwned"), out var numOwned))
                {
                    error = "limitPerOwner or numOwned is missing.";
                    return false;
                }
                response = new SakeRecordLimitResponse(result, limitPerOwner, numOwned);
                return true;
            case SakeAction.RateRecord:
                if (!TryInt(element.Element(sake + "numRatings"), out var numRatings)
                    || !float.TryParse(element.Element(sake + "averageRating")?.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var average))
                {
                    error = "numRatings or averageRating is missing.";
                    return false;
                }
                response = new SakeRateRecordResponse(result, numRatings, average);
                return true;
            case SakeAction.UpdateRecord:
            case SakeAction.DeleteRecord:
                response = SakeResponse.ResultOnly(action, result);
                return true;
            default:
                return TryReadRecords(element, action, limits, out response, out error);
        }
    }

    private static bool TryReadRecords(XElement element, SakeAction action, SakeLimits limits,
        [NotNullWhen(true)] out SakeResponse? response, [NotNullWhen(false)] out string? error)
    {
        XNamespace sake = SakeWire.Namespace;
        response = null;
        var values = element.Element(sake + "values");
        if (values is null)
        {
            // The SDK treats a success without <values> as malformed.
            error = "values is missing.";
            return false;
        }
        var records = new List<IReadOnlyList<SakeValue>>();
        foreach (var array in values.Elements(sake + "ArrayOfRecordValue"))
        {
            var record = new List<SakeValue>();
            foreach (var recordValue in array.Elements(sake + "RecordValue"))
            {
                var typed = recordValue.Elements().FirstOrDefault();
                if (typed is null || !SakeFieldTypes.TryFromTag(typed.Name.LocalName, out var type))
                {
                    error = "A RecordValue has no known typed value.";
                    return false;
                }
                if (!SakeValue.TryParse(type, typed.Element(sake + "value")?.Value ?? "", limits, out var value, out var valueError))
                {
                    error = valueError;
                    return false;
                }
                record.Add(value);
            }
            records.Add(record);
        }
        response = new SakeRecordsResponse(action, SakeResult.Success, records);
        error = null;
        return true;
    }

    private static bool TryInt(XElement? element, out int value)
    {
        value = 0;
        return element is not null && int.TryParse(element.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
