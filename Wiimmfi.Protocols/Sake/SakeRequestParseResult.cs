using System.Diagnostics.CodeAnalysis;
using Wiimmfi.Protocols.Sake.Soap;

namespace Wiimmfi.Protocols.Sake;

/// <summary>What <see cref="SakeRequestParser"/> made of a request body.</summary>
public enum SakeParseOutcome
{
    /// <summary>A valid request: hand <see cref="SakeRequestParseResult.Request"/> to the service.</summary>
    Request,
    /// <summary>
    /// The action is known but its content is wrong in a way SAKE has a result for (bad field type,
    /// reserved field, filter too long …): answer the action's response with
    /// <see cref="SakeRequestParseResult.Result"/>.
    /// </summary>
    ActionError,
    /// <summary>Not dispatchable (not XML, DTD, over a limit, unknown action): answer <see cref="SakeRequestParseResult.Fault"/>.</summary>
    Fault,
}

/// <summary>
/// Outcome of parsing a SAKE request. Exactly one of <see cref="Request"/> (outcome Request),
/// <see cref="Action"/> + <see cref="Result"/> (ActionError) or <see cref="Fault"/> (Fault) is meaningful.
/// </summary>
public sealed record SakeRequestParseResult
{
    private SakeRequestParseResult(SakeParseOutcome outcome, SakeRequest? request, SakeAction action, SakeResult result, SoapFault? fault, string? detail)
    {
        Outcome = outcome;
        Request = request;
        Action = action;
        Result = result;
        Fault = fault;
        Detail = detail;
    }

    public SakeParseOutcome Outcome { get; }

    /// <summary>The request (outcome Request).</summary>
    public SakeRequest? Request { get; }

    /// <summary>The action named by the body (outcomes Request and ActionError).</summary>
    public SakeAction Action { get; }

    /// <summary><see cref="SakeResult.Success"/> for a request, the error result for ActionError.</summary>
    public SakeResult Result { get; }

    /// <summary>The fault to send (outcome Fault).</summary>
    public SoapFault? Fault { get; }

    /// <summary>Why the request was refused, for the log (ActionError and Fault).</summary>
    public string? Detail { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    public bool IsRequest => Outcome == SakeParseOutcome.Request;

    [MemberNotNullWhen(true, nameof(Fault))]
    public bool IsFault => Outcome == SakeParseOutcome.Fault;

    internal static SakeRequestParseResult Success(SakeRequest request) =>
        new(SakeParseOutcome.Request, request, request.Action, SakeResult.Success, null, null);

    internal static SakeRequestParseResult Error(SakeAction action, SakeResult result, string detail) =>
        new(SakeParseOutcome.ActionError, null, action, result, null, detail);

    internal static SakeRequestParseResult Failed(SoapFault fault) =>
        new(SakeParseOutcome.Fault, null, default, SakeResult.UnknownError, fault, fault.Reason);
}
