using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpcm;

/// <summary>
/// <c>\lc\1\challenge\&lt;10 letters&gt;\id\1\final\</c>: the first message, sent by the server as
/// soon as it accepts a connection. Keep the challenge for the login proof.
/// </summary>
/// <param name="ServerChallenge">The server challenge (SC), see <see cref="GpcmLoginProof.CreateServerChallenge"/>.</param>
public sealed record GpcmLoginChallenge(string ServerChallenge) : IGameSpyWritable
{
    /// <summary>A greeting with a fresh random challenge.</summary>
    public static GpcmLoginChallenge Create() => new(GpcmLoginProof.CreateServerChallenge());

    /// <summary>Reads a greeting (console emulator).</summary>
    public static bool TryParse(GameSpyMessage message, [NotNullWhen(true)] out GpcmLoginChallenge? challenge)
    {
        challenge = message is { Command: "lc", CommandValue: "1" } && message.TryGetValue("challenge", out var value)
            ? new GpcmLoginChallenge(value)
            : null;
        return challenge is not null;
    }

    /// <inheritdoc />
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("lc", 1);
        writer.Write("challenge", ServerChallenge);
        writer.Write("id", 1);
        writer.WriteFinal();
    }
}
