namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>XML namespaces used by the GameSpy SOAP services.</summary>
public static class SoapNamespaces
{
    /// <summary>The SOAP 1.1 envelope namespace.</summary>
    public const string Envelope = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>XML Schema instance namespace (declared on RACE responses).</summary>
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>XML Schema namespace (declared on RACE responses).</summary>
    public const string XmlSchema = "http://www.w3.org/2001/XMLSchema";
}
