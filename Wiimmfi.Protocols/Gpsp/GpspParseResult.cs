using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>Outcome of <see cref="GpspRequest.Parse"/>: a typed request, or the GP error to answer.</summary>
/// <param name="Request">The request, when it could be read.</param>
/// <param name="Error">The error reply, when it could not.</param>
public readonly record struct GpspParseResult(GpspRequest? Request, GpError? Error)
{
    internal static GpspParseResult Ok(GpspRequest request) => new(request, null);

    internal static GpspParseResult Fail(GpErrorCode code) => new(null, GpError.For(code));
}
