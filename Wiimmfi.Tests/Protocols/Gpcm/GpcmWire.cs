using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Gpcm;

/// <summary>Turns wire text into parsed messages the way the front-end's read loop will.</summary>
internal static class GpcmWire
{
    public static GameSpyMessage Message(string wire)
    {
        var bytes = Encoding.Latin1.GetBytes(wire);
        Assert.Equal(GameSpyFrameStatus.Complete, GameSpyFraming.FindMessage(bytes, GameSpyFraming.DefaultMaxMessageBytes, out var bodyLength, out var consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.True(GameSpyMessage.TryParse(bytes.AsSpan(0, bodyLength), out var message, out var error), error.ToString());
        return message;
    }

    /// <summary>Unescapes the vector files' <c>\xNN</c> notation.</summary>
    public static string Unescape(string escaped)
    {
        var text = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 3 < escaped.Length && escaped[i + 1] == 'x')
            {
                text.Append((char)Convert.ToByte(escaped.Substring(i + 2, 2), 16));
                i += 3;
            }
            else
            {
                text.Append(escaped[i]);
            }
        }

        return text.ToString();
    }
}
