using System.Text;

namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>Serialises a <see cref="SoapFault"/> as a SOAP 1.1 envelope (send with HTTP 500, text/xml).</summary>
public static class SoapFaultWriter
{
    public static byte[] Write(SoapFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var builder = new StringBuilder(256);
        builder.Append(SoapXmlText.Declaration)
            .Append("<s:Envelope xmlns:s=\"").Append(SoapNamespaces.Envelope).Append("\"><s:Body><s:Fault>");
        SoapXmlText.AppendElement(builder, "faultcode", fault.Code == SoapFaultCode.Client ? "s:Client" : "s:Server");
        SoapXmlText.AppendElement(builder, "faultstring", fault.Reason);
        builder.Append("</s:Fault></s:Body></s:Envelope>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
