using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.ConsoleEmulator.Gpcm;

/// <summary>How a GPCM login ended: the <c>\lc\2</c> reply, or the server's error.</summary>
/// <param name="Reply">The login reply, when accepted.</param>
/// <param name="Error">The error, when refused.</param>
/// <param name="ProofIsValid">True when the server's proof matches what the console computes (a real console drops the connection otherwise).</param>
public sealed record GpcmLoginOutcome(GpcmLoginReply? Reply, GpError? Error, bool ProofIsValid)
{
    /// <summary>True when the server accepted the login with a correct proof.</summary>
    public bool Succeeded => Reply is not null && ProofIsValid;
}
