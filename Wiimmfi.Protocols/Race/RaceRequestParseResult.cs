using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Race;

/// <summary>What <see cref="RaceRequestParser"/> made of a request.</summary>
public enum RaceParseOutcome
{
    /// <summary>A valid request.</summary>
    Request,
    /// <summary>Answer <see cref="RaceRequestParseResult.Action"/>'s response with <see cref="RaceRequestParseResult.Code"/> (101 or 105).</summary>
    Error,
    /// <summary>
    /// A well-formed envelope naming an action this server does not know: log the whole body (to learn
    /// real payloads) and answer responseCode 7 (<see cref="RaceResponseWriter.WriteUnknownAction"/>).
    /// </summary>
    UnknownAction,
}

/// <summary>Outcome of parsing a RACE request.</summary>
public sealed record RaceRequestParseResult(RaceParseOutcome Outcome, RaceRequest? Request, RaceAction? Action, RaceResponseCode Code, string? ActionName, string? Detail)
{
    [MemberNotNullWhen(true, nameof(Request))]
    public bool IsRequest => Outcome == RaceParseOutcome.Request;

    internal static RaceRequestParseResult Success(RaceRequest request) =>
        new(RaceParseOutcome.Request, request, request.Action, RaceResponseCode.Success, request.Action.ToString(), null);

    internal static RaceRequestParseResult Failed(RaceAction? action, RaceResponseCode code, string detail) =>
        new(RaceParseOutcome.Error, null, action, code, action?.ToString(), detail);

    internal static RaceRequestParseResult Unknown(string actionName) =>
        new(RaceParseOutcome.UnknownAction, null, null, RaceResponseCode.ServerError, actionName, $"Unknown RACE action '{actionName}'.");
}
