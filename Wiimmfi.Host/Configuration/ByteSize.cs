using System.ComponentModel;
using System.Globalization;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// A size in bytes for settings such as <c>gpcm.max-message-size = 16KiB</c>. Binds from HOCON size text
/// (<c>512</c>, <c>64KiB</c>, <c>4MiB</c>, <c>10kB</c> = 10 000) through <see cref="ByteSizeConverter"/>, so
/// <c>section.Get&lt;T&gt;()</c> needs no extra step.
/// </summary>
[TypeConverter(typeof(ByteSizeConverter))]
public readonly record struct ByteSize(long Bytes) : IComparable<ByteSize>
{
    public static ByteSize FromKibibytes(long kibibytes) => new(checked(kibibytes * 1024));

    public static ByteSize FromMebibytes(long mebibytes) => new(checked(mebibytes * 1024 * 1024));

    /// <summary>Parses HOCON size text; throws <see cref="FormatException"/> naming the accepted units.</summary>
    public static ByteSize Parse(string text) => new(HoconUnits.ParseBytes(text));

    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>The largest exact binary unit: <c>16KiB</c>, <c>4MiB</c>, <c>1000</c> (bytes).</summary>
    public override string ToString()
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var value = Bytes;
        var unit = -1;
        while (value != 0 && value % 1024 == 0 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        var number = value.ToString(CultureInfo.InvariantCulture);
        return unit < 0 ? number : number + units[unit];
    }
}

/// <summary>Converts configuration text (and plain numbers) to <see cref="ByteSize"/>.</summary>
public sealed class ByteSizeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || sourceType == typeof(long) || sourceType == typeof(int) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) => value switch
    {
        string text => ByteSize.Parse(text),
        long bytes => new ByteSize(bytes),
        int bytes => new ByteSize(bytes),
        _ => base.ConvertFrom(context, culture, value),
    };

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is ByteSize size ? size.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
