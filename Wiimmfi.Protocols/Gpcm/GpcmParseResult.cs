using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// Outcome of <see cref="GpcmClientMessage.Parse"/>: either a typed message, or the GP error to
/// send back (close the connection after it when <see cref="GpError.IsFatal"/>).
/// </summary>
/// <param name="Message">The message, when it could be read.</param>
/// <param name="Error">The error reply, when it could not.</param>
public readonly record struct GpcmParseResult(GpcmClientMessage? Message, GpError? Error)
{
    internal static GpcmParseResult Ok(GpcmClientMessage message) => new(message, null);

    internal static GpcmParseResult Fail(GpError error) => new(null, error);
}
