namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>SOAP 1.1 fault codes this server sends (SOAP 1.1 §4.4.1).</summary>
public enum SoapFaultCode
{
    /// <summary>The request was malformed or cannot be served as sent.</summary>
    Client,
    /// <summary>The server failed while processing a well-formed request.</summary>
    Server,
}
