using System.Globalization;
using System.Text;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Serialises a <see cref="SakeRequest"/> the way the GameSpy SDK does (<c>SOAP-ENV:</c> envelope,
/// <c>ns1:</c>-qualified elements, SDK element order). Used by the console emulator and tests.
/// </summary>
public static class SakeRequestWriter
{
    /// <summary>The <c>SOAPAction</c> header value for <paramref name="action"/>, quotes included.</summary>
    public static string SoapAction(SakeAction action) => SoapActionHeader.Format(SakeWire.Namespace, action.ToString());

    public static byte[] Write(SakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new StringBuilder(512);
        var action = request.Action.ToString();
        builder.Append(SoapXmlText.Declaration)
            .Append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").Append(SoapNamespaces.Envelope)
            .Append("\" xmlns:ns1=\"").Append(SakeWire.Namespace).Append("\"><SOAP-ENV:Body><ns1:").Append(action).Append('>');
        Element(builder, "gameid", request.GameId);
        Element(builder, "secretKey", request.SecretKey);
        Element(builder, "loginTicket", request.LoginTicket);
        Element(builder, "tableid", request.TableId);

        switch (request)
        {
            case SakeCreateRecordRequest create:
                Values(builder, create.Values);
                break;
            case SakeUpdateRecordRequest update:
                Element(builder, "recordid", update.RecordId);
                Values(builder, update.Values);
                break;
            case SakeDeleteRecordRequest delete:
                Element(builder, "recordid", delete.RecordId);
                break;
            case SakeGetMyRecordsRequest mine:
                Fields(builder, mine.Fields);
                break;
            case SakeGetSpecificRecordsRequest specific:
                IntList(builder, "recordids", specific.RecordIds);
                Fields(builder, specific.Fields);
                break;
            case SakeSearchForRecordsRequest search:
                Optional(builder, "filter", search.Filter);
                Optional(builder, "sort", search.Sort);
                Element(builder, "offset", search.Offset);
                Element(builder, "max", search.Max);
                Optional(builder, "targetfilter", search.TargetFilter);
                Element(builder, "surrounding", search.Surrounding);
                IntList(builder, "ownerids", search.OwnerIds);
                Element(builder, "cacheFlag", search.CacheFlag ? 1 : 0);
                Fields(builder, search.Fields);
                break;
            case SakeGetRandomRecordsRequest random:
                Optional(builder, "filter", random.Filter);
                Element(builder, "max", random.Max);
                Fields(builder, random.Fields);
                break;
            case SakeGetRecordCountRequest count:
                Optional(builder, "filter", count.Filter);
                Element(builder, "cacheFlag", count.CacheFlag ? 1 : 0);
                break;
            case SakeRateRecordRequest rate:
                Element(builder, "recordid", rate.RecordId);
                Element(builder, "rating", rate.Rating);
                break;
        }

        builder.Append("</ns1:").Append(action).Append("></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Element(StringBuilder builder, string name, int value) =>
        Element(builder, name, value.ToString(CultureInfo.InvariantCulture));

    private static void Element(StringBuilder builder, string name, string text) =>
        SoapXmlText.AppendElement(builder, "ns1:" + name, text);

    private static void Optional(StringBuilder builder, string name, string? text)
    {
        if (text is not null)
        {
            Element(builder, name, text);
        }
    }

    private static void Fields(StringBuilder builder, IReadOnlyList<string> fields)
    {
        builder.Append("<ns1:fields>");
        foreach (var field in fields)
        {
            Element(builder, "string", field);
        }
        builder.Append("</ns1:fields>");
    }

    private static void IntList(StringBuilder builder, string name, IReadOnlyList<int> values)
    {
        builder.Append("<ns1:").Append(name).Append('>');
        foreach (var value in values)
        {
            Element(builder, "int", value);
        }
        builder.Append("</ns1:").Append(name).Append('>');
    }

    private static void Values(StringBuilder builder, IReadOnlyList<SakeField> fields)
    {
        builder.Append("<ns1:values>");
        foreach (var field in fields)
        {
            var tag = SakeFieldTypes.ToTag(field.Value.Type);
            builder.Append("<ns1:RecordField>");
            Element(builder, "name", field.Name);
            builder.Append("<ns1:value><ns1:").Append(tag).Append('>');
            Element(builder, "value", field.Value.Text);
            builder.Append("</ns1:").Append(tag).Append("></ns1:value></ns1:RecordField>");
        }
        builder.Append("</ns1:values>");
    }
}
