namespace Wiimmfi.Protocols.Sake.Soap;

/// <summary>
/// A SOAP 1.1 fault: what the server answers to a request it cannot even dispatch (not XML, a
/// DTD, over a limit, unknown action). Requests that are well-formed but wrong for the service
/// get the action's own response with an error result instead, which the game understands.
/// </summary>
/// <param name="Code">Client or Server.</param>
/// <param name="Reason">A short English explanation (goes into <c>faultstring</c> and the log).</param>
public sealed record SoapFault(SoapFaultCode Code, string Reason)
{
    /// <summary>SOAP 1.1 over HTTP reports a fault with status 500.</summary>
    public const int HttpStatusCode = 500;

    /// <summary>A client fault.</summary>
    public static SoapFault Client(string reason) => new(SoapFaultCode.Client, reason);
}
