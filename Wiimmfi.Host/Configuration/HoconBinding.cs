using System.ComponentModel;
using System.Globalization;
using Wiimmfi.Host.Configuration.Hocon;

namespace Wiimmfi.Host.Configuration;

/// <summary>
/// Teaches the configuration binder HOCON's value formats, so <c>services.Configure&lt;T&gt;(section)</c> and
/// <c>section.Get&lt;T&gt;()</c> accept what wiimmfi.conf says:
/// * <see cref="TimeSpan"/> from <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1.5h</c>, a bare number of
///   milliseconds, <c>infinite</c>, or .NET's own <c>hh:mm:ss</c>;
/// * <see cref="bool"/> from true/false, yes/no, on/off;
/// * <see cref="ByteSize"/> carries its own converter.
///
/// The binder asks <see cref="TypeDescriptor.GetConverter(Type)"/>; registering converters for types we do
/// not own is done with <see cref="TypeDescriptor.AddAttributes(Type, Attribute[])"/>, once per process.
/// </summary>
public static class HoconBinding
{
    private static int s_registered;

    /// <summary>Registers the converters; safe to call any number of times, from any thread.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1)
        {
            return;
        }
        TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(HoconDurationConverter)));
        TypeDescriptor.AddAttributes(typeof(bool), new TypeConverterAttribute(typeof(HoconBooleanConverter)));
    }
}

/// <summary>A <see cref="TimeSpan"/> converter that reads HOCON durations (and still reads <c>hh:mm:ss</c>).</summary>
public sealed class HoconDurationConverter : TimeSpanConverter
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }
        var trimmed = text.Trim();
        if (trimmed is "infinite" or "inf")
        {
            return Timeout.InfiniteTimeSpan;
        }
        if (trimmed.Contains(':'))
        {
            return TimeSpan.Parse(trimmed, CultureInfo.InvariantCulture);
        }
        return HoconUnits.TryParseDuration(trimmed, out var duration, out var problem)
            ? duration
            : throw new FormatException(problem);
    }
}

/// <summary>A <see cref="bool"/> converter that also reads HOCON's yes/no and on/off.</summary>
public sealed class HoconBooleanConverter : BooleanConverter
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? HoconUnits.TryParseBoolean(text, out var flag)
                ? flag
                : throw new FormatException($"'{text}' is not a boolean (true/false, yes/no, on/off)")
            : base.ConvertFrom(context, culture, value);
}
