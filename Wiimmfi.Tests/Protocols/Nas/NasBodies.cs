using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Nas;

/// <summary>Builds request bodies the way a console does: each value NWC-base64 encoded, raw.</summary>
internal static class NasBodies
{
    public static byte[] Encode(params (string Key, byte[] Value)[] fields) =>
        Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => f.Key + "=" + NwcBase64.Encode(f.Value))));

    public static byte[] Encode(params (string Key, string Value)[] fields) =>
        Encode(fields.Select(f => (f.Key, Encoding.Latin1.GetBytes(f.Value))).ToArray());

    public static byte[] Utf16(string text, bool bigEndian) => (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes(text + "\0");

    /// <summary>The field set of a real Mario Kart Wii login (Custom Mario Kart wiki capture), with invented values.</summary>
    public static List<(string Key, byte[] Value)> MarioKartWiiLogin()
    {
        static byte[] A(string s) => Encoding.ASCII.GetBytes(s);
        return
        [
            ("action", A("login")),
            ("gsbrcd", A("RMCJ2leohni")),
            ("userid", A("1786673827498")),
            ("ingamesn", Utf16("Mario", bigEndian: true)),
            ("sdkver", A("001000")),
            ("gamecd", A("RMCE")),
            ("makercd", A("01")),
            ("unitcd", A("1")),
            ("macadr", A("0017ab123456")),
            ("lang", A("01")),
            ("devtime", A("240101123456")),
            ("csnum", A("LU519608598")),
            ("cfc", A("6168191425252890")),
            ("region", A("01")),
        ];
    }

    public static byte[] With(this List<(string Key, byte[] Value)> fields, string key, string? value)
    {
        var copy = fields.Where(f => f.Key != key).ToList();
        if (value is not null)
        {
            copy.Add((key, Encoding.Latin1.GetBytes(value)));
        }

        return Encode(copy.ToArray());
    }
}
