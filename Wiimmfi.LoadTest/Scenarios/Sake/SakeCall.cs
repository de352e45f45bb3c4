using System.Net;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.LoadTest.Engine;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.LoadTest.Scenarios.Sake;

/// <summary>
/// One SOAP exchange as a step sees it: the request is written and sent as the GameSpy SDK does, the answer read as
/// the console would, and the outcome mapped to a <see cref="Response"/> with the bytes that crossed the wire. Error
/// kinds: <c>http-&lt;status&gt;</c> (a SOAP fault or another HTTP failure), <c>unreadable</c> (an answer the SDK
/// could not read), <c>sake-&lt;Result&gt;</c> (a SAKE result other than Success), and the scenario's own
/// <c>wrong-answer</c> when the records are not what the seeded data says they must be.
/// </summary>
internal readonly record struct SakeCall(SakeResponse? Answer, Response Outcome)
{
    public const string WrongAnswer = "wrong-answer";

    public bool Succeeded => Answer is not null;

    /// <summary>The records of a successful read.</summary>
    public IReadOnlyList<IReadOnlyList<SakeValue>> Records => ((SakeRecordsResponse)Answer!).Records;

    public static async Task<SakeCall> SendAsync(SakeClient client, SakeRequest request, CancellationToken cancellationToken)
    {
        var body = SakeRequestWriter.Write(request);
        var answer = await client.SendRawAsync(body, SakeRequestWriter.SoapAction(request.Action), cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.OK)
        {
            return new SakeCall(null, Response.Fail($"http-{(int)answer.Status}", $"{request.Action}: HTTP {(int)answer.Status}", body.Length, answer.Body.Length));
        }
        if (!SakeResponseParser.TryParse(answer.Body, request.Action, null, out var response, out var error))
        {
            return new SakeCall(null, Response.Fail("unreadable", $"{request.Action}: {error}", body.Length, answer.Body.Length));
        }
        if (response.Result != SakeResult.Success)
        {
            return new SakeCall(null, Response.Fail($"sake-{response.Result}", $"{request.Action} answered {response.Result}", body.Length, answer.Body.Length));
        }
        return new SakeCall(response, Response.Ok(body.Length, answer.Body.Length));
    }

    /// <summary>This exchange's bytes, failed with <see cref="WrongAnswer"/>.</summary>
    public Response Wrong(string message) => Response.Fail(WrongAnswer, message, Outcome.BytesOut, Outcome.BytesIn);
}
