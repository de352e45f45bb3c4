using System.Globalization;
using System.Text;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// Serialises SAKE responses byte-for-byte as WiiLink does (the form MKW is known to accept): an
/// XML declaration, an <c>s:</c>-prefixed envelope, the response element in the default SAKE
/// namespace, no white space between elements. Send as <c>text/xml</c>, HTTP 200.
/// </summary>
public static class SakeResponseWriter
{
    public static byte[] Write(SakeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var builder = new StringBuilder(512);
        var action = response.Action.ToString();
        builder.Append(SoapXmlText.Declaration)
            .Append("<s:Envelope xmlns:s=\"").Append(SoapNamespaces.Envelope).Append("\"><s:Body><")
            .Append(action).Append("Response xmlns=\"").Append(SakeWire.Namespace).Append("\">");
        SoapXmlText.AppendElement(builder, action + "Result", SakeResultText.ToWire(response.Result));

        if (response.Result == SakeResult.Success)
        {
            AppendPayload(builder, response);
        }

        builder.Append("</").Append(action).Append("Response></s:Body></s:Envelope>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void AppendPayload(StringBuilder builder, SakeResponse response)
    {
        switch (response)
        {
            case SakeCreateRecordResponse created:
                SoapXmlText.AppendElement(builder, "recordid", created.RecordId.ToString(CultureInfo.InvariantCulture));
                break;
            case SakeRecordsResponse records:
                builder.Append("<values>");
                foreach (var record in records.Records)
                {
                    builder.Append("<ArrayOfRecordValue>");
                    foreach (var value in record)
                    {
                        var tag = SakeFieldTypes.ToTag(value.Type);
                        builder.Append("<RecordValue><").Append(tag).Append('>');
                        SoapXmlText.AppendElement(builder, "value", value.Text);
                        builder.Append("</").Append(tag).Append("></RecordValue>");
                    }
                    builder.Append("</ArrayOfRecordValue>");
                }
                builder.Append("</values>");
                break;
            case SakeRecordCountResponse count:
                SoapXmlText.AppendElement(builder, "count", count.Count.ToString(CultureInfo.InvariantCulture));
                break;
            case SakeRecordLimitResponse limit:
                SoapXmlText.AppendElement(builder, "limitPerOwner", limit.LimitPerOwner.ToString(CultureInfo.InvariantCulture));
                SoapXmlText.AppendElement(builder, "numOwned", limit.NumOwned.ToString(CultureInfo.InvariantCulture));
                break;
            case SakeRateRecordResponse rating:
                SoapXmlText.AppendElement(builder, "numRatings", rating.NumRatings.ToString(CultureInfo.InvariantCulture));
                SoapXmlText.AppendElement(builder, "averageRating", rating.AverageRating.ToString("R", CultureInfo.InvariantCulture));
                break;
        }
    }
}
