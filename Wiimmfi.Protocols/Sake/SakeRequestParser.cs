using System.Globalization;
using System.Xml.Linq;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Parses the SOAP body of a SAKE storage request into a <see cref="SakeRequest"/>.
/// </summary>
/// <remarks>
/// <para>
/// Dispatch is on the body element's namespace and name (<c>http://gamespy.net/sake</c> +
/// action), checked against the <c>SOAPAction</c> header when the caller passes it. Child elements
/// are matched by local name in any namespace (the SDK qualifies them with <c>ns1:</c>, other
/// clients may not), first occurrence wins, and element order is not enforced.
/// </para>
/// <para>
/// Three kinds of failure, from worst to mildest: a body that cannot be dispatched is a SOAP
/// fault; a gameid or number that is not a number is also a fault (no SAKE result describes it);
/// content SAKE has a result for (bad value, reserved field, filter too long, too many fields) is
/// an action error the service answers inside the action's own response. Absent optional elements
/// take their defaults (0, false, empty list, null filter), as WiiLink's decoder does.
/// </para>
/// <para>
/// What the parser does not judge: credentials, table names, whether fields exist, whether
/// <c>fields</c> is empty (WiiLink answers <c>BadNumFields</c> for GetMyRecords) — the service
/// knows the game list and schema. Filter and sort text is passed through; parse it with
/// <see cref="Filter.SakeFilterParser"/> / <see cref="Filter.SakeSortParser"/>.
/// </para>
/// </remarks>
public static class SakeRequestParser
{
    /// <summary>Parses a request body.</summary>
    /// <param name="body">The HTTP body.</param>
    /// <param name="soapActionHeader">The <c>SOAPAction</c> header, or null to dispatch on the body alone.</param>
    /// <param name="limits">Bounds; <see cref="SakeLimits.Default"/> when null.</param>
    public static SakeRequestParseResult Parse(ReadOnlySpan<byte> body, string? soapActionHeader, SakeLimits? limits = null)
    {
        limits ??= SakeLimits.Default;
        if (!SoapEnvelopeReader.TryReadBodyContent(body, limits.Soap, out var actionElement, out var fault))
        {
            return SakeRequestParseResult.Failed(fault);
        }
        if (actionElement.Name.NamespaceName != SakeWire.Namespace
            || !Enum.TryParse<SakeAction>(actionElement.Name.LocalName, ignoreCase: false, out var action)
            || !Enum.IsDefined(action)
            || actionElement.Name.LocalName != action.ToString())
        {
            return SakeRequestParseResult.Failed(SoapFault.Client($"Unknown SAKE action {actionElement.Name}."));
        }
        if (soapActionHeader is not null
            && (!SoapActionHeader.TryGetAction(soapActionHeader, SakeWire.Namespace, out var headerAction) || headerAction != action.ToString()))
        {
            return SakeRequestParseResult.Failed(SoapFault.Client($"SOAPAction header does not name {action}."));
        }

        try
        {
            return SakeRequestParseResult.Success(new Reader(actionElement, limits).Read(action));
        }
        catch (RequestProblem problem)
        {
            return problem.Fault is not null
                ? SakeRequestParseResult.Failed(problem.Fault)
                : SakeRequestParseResult.Error(action, problem.Result, problem.Message);
        }
    }

    /// <summary>Raised inside the parser only; <see cref="Parse"/> turns it into a result.</summary>
    private sealed class RequestProblem : Exception
    {
        public RequestProblem(SoapFault fault) : base(fault.Reason) => Fault = fault;

        public RequestProblem(SakeResult result, string detail) : base(detail) => Result = result;

        public SoapFault? Fault { get; }

        public SakeResult Result { get; }
    }

    private sealed class Reader(XElement action, SakeLimits limits)
    {
        public SakeRequest Read(SakeAction kind)
        {
            var gameId = RequiredInt("gameid");
            var secretKey = Text("secretKey", limits.MaxCredentialLength) ?? "";
            var loginTicket = Text("loginTicket", limits.MaxCredentialLength) ?? "";
            var tableId = Text("tableid", limits.MaxNameLength) ?? "";

            return kind switch
            {
                SakeAction.CreateRecord => new SakeCreateRecordRequest(gameId, secretKey, loginTicket, tableId, Values()),
                SakeAction.UpdateRecord => new SakeUpdateRecordRequest(gameId, secretKey, loginTicket, tableId, Int("recordid"), Values()),
                SakeAction.DeleteRecord => new SakeDeleteRecordRequest(gameId, secretKey, loginTicket, tableId, Int("recordid")),
                SakeAction.GetMyRecords => new SakeGetMyRecordsRequest(gameId, secretKey, loginTicket, tableId, Fields()),
                SakeAction.GetSpecificRecords => new SakeGetSpecificRecordsRequest(
                    gameId, secretKey, loginTicket, tableId, IntList("recordids"), Fields()),
                SakeAction.SearchForRecords => new SakeSearchForRecordsRequest(
                    gameId, secretKey, loginTicket, tableId,
                    Filter("filter", SakeResult.FilterInvalid),
                    Bounded("sort", limits.MaxSortLength, SakeResult.SortInvalid),
                    NonNegative("offset"),
                    Math.Min(NonNegative("max"), limits.MaxRecordsPerResponse),
                    Filter("targetfilter", SakeResult.TargetFilterInvalid),
                    Math.Min(NonNegative("surrounding"), limits.MaxRecordsPerResponse),
                    IntList("ownerids"), Flag("cacheFlag"), Fields()),
                SakeAction.GetRandomRecords => new SakeGetRandomRecordsRequest(
                    gameId, secretKey, loginTicket, tableId, Filter("filter", SakeResult.FilterInvalid),
                    Math.Min(NonNegative("max"), limits.MaxRecordsPerResponse), Fields()),
                SakeAction.GetRecordCount => new SakeGetRecordCountRequest(
                    gameId, secretKey, loginTicket, tableId, Filter("filter", SakeResult.FilterInvalid), Flag("cacheFlag")),
                SakeAction.GetRecordLimit => new SakeGetRecordLimitRequest(gameId, secretKey, loginTicket, tableId),
                SakeAction.RateRecord => new SakeRateRecordRequest(gameId, secretKey, loginTicket, tableId, Int("recordid"), Rating()),
                _ => throw new RequestProblem(SoapFault.Client($"Unknown SAKE action {kind}.")),
            };
        }

        // ---- element access ----

        private XElement? Child(string name, bool ignoreCase = false) => Child(action, name, ignoreCase);

        private static XElement? Child(XElement parent, string name, bool ignoreCase = false)
        {
            foreach (var element in parent.Elements())
            {
                if (string.Equals(element.Name.LocalName, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    return element;
                }
            }
            return null;
        }

        private static IEnumerable<XElement> Children(XElement parent, string name)
        {
            foreach (var element in parent.Elements())
            {
                if (element.Name.LocalName == name)
                {
                    yield return element;
                }
            }
        }

        private string? Text(string name, int maxLength)
        {
            var element = Child(name);
            if (element is null)
            {
                return null;
            }
            var text = element.Value;
            if (text.Length > maxLength)
            {
                throw new RequestProblem(SoapFault.Client($"<{name}> is longer than {maxLength} characters."));
            }
            return text;
        }

        private int RequiredInt(string name)
        {
            var element = Child(name) ?? throw new RequestProblem(SoapFault.Client($"<{name}> is missing."));
            return ParseInt(name, element.Value);
        }

        private int Int(string name)
        {
            var element = Child(name);
            return element is null ? 0 : ParseInt(name, element.Value);
        }

        private int NonNegative(string name)
        {
            var value = Int(name);
            if (value < 0)
            {
                throw new RequestProblem(SoapFault.Client($"<{name}> is negative."));
            }
            return value;
        }

        private static int ParseInt(string name, string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 11 || !int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw new RequestProblem(SoapFault.Client($"<{name}> is not a 32-bit integer."));
            }
            return value;
        }

        private bool Flag(string name)
        {
            var element = Child(name);
            return element?.Value.Trim() switch
            {
                null or "" or "0" or "false" => false,
                "1" or "true" => true,
                _ => throw new RequestProblem(SoapFault.Client($"<{name}> is not 0, 1, true or false.")),
            };
        }

        private byte Rating()
        {
            var value = Int("rating");
            if (value is < byte.MinValue or > byte.MaxValue)
            {
                throw new RequestProblem(SoapFault.Client("<rating> is not a byte."));
            }
            return (byte)value;
        }

        private string? Filter(string name, SakeResult tooLong) =>
            // WiiLink reads "targetFilter", the SDK writes "targetfilter": accept either spelling.
            Bounded(name, limits.MaxFilterLength, tooLong, ignoreCase: true);

        private string? Bounded(string name, int maxLength, SakeResult tooLong, bool ignoreCase = false)
        {
            var element = Child(name, ignoreCase);
            if (element is null)
            {
                return null;
            }
            var text = element.Value;
            if (text.Length > maxLength)
            {
                throw new RequestProblem(tooLong, $"<{name}> is longer than {maxLength} characters.");
            }
            return text;
        }

        private IReadOnlyList<string> Fields()
        {
            var list = Child("fields");
            if (list is null)
            {
                return [];
            }
            var names = new List<string>();
            foreach (var item in Children(list, "string"))
            {
                if (names.Count == limits.MaxRequestedFields)
                {
                    throw new RequestProblem(SoapFault.Client($"More than {limits.MaxRequestedFields} requested fields."));
                }
                names.Add(FieldName(item.Value.Trim()));
            }
            return names;
        }

        private IReadOnlyList<int> IntList(string name)
        {
            var list = Child(name);
            if (list is null)
            {
                return [];
            }
            var ids = new List<int>();
            foreach (var item in Children(list, "int"))
            {
                if (ids.Count == limits.MaxIdListLength)
                {
                    throw new RequestProblem(SoapFault.Client($"More than {limits.MaxIdListLength} entries in <{name}>."));
                }
                ids.Add(ParseInt(name, item.Value));
            }
            return ids;
        }

        private string FieldName(string name)
        {
            if (name.Length == 0 || name.Length > limits.MaxNameLength)
            {
                throw new RequestProblem(SakeResult.FieldNotFound, $"Field name of {name.Length} characters.");
            }
            return name;
        }

        private IReadOnlyList<SakeField> Values()
        {
            var list = Child("values");
            if (list is null)
            {
                return [];
            }
            var fields = new List<SakeField>();
            foreach (var recordField in Children(list, "RecordField"))
            {
                if (fields.Count == limits.MaxFieldsPerRecord)
                {
                    // WiiLink answers FieldTypeInvalid for too many fields.
                    throw new RequestProblem(SakeResult.FieldTypeInvalid, $"More than {limits.MaxFieldsPerRecord} fields.");
                }
                var name = FieldName((Child(recordField, "name")?.Value ?? "").Trim());
                var writable = SakeReservedFields.CheckWritable(name);
                if (writable != SakeResult.Success)
                {
                    throw new RequestProblem(writable, $"Field '{name}' cannot be written.");
                }
                var typed = Child(recordField, "value")?.Elements().FirstOrDefault()
                    ?? throw new RequestProblem(SakeResult.FieldTypeInvalid, $"Field '{name}' has no typed value.");
                if (typed.Name.NamespaceName is not ("" or SakeWire.Namespace)
                    || !SakeFieldTypes.TryFromTag(typed.Name.LocalName, out var type))
                {
                    throw new RequestProblem(SakeResult.FieldTypeInvalid, $"Field '{name}' has unknown type <{typed.Name.LocalName}>.");
                }
                var text = Child(typed, "value")?.Value ?? "";
                if (!SakeValue.TryParse(type, text, limits, out var value, out var error))
                {
                    throw new RequestProblem(SakeResult.FieldTypeInvalid, $"Field '{name}': {error}");
                }
                fields.Add(new SakeField(name, value));
            }
            return fields;
        }
    }
}
