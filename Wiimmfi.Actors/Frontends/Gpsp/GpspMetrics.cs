using System.Diagnostics.Metrics;

namespace Wiimmfi.Actors.Frontends.Gpsp;

/// <summary>Counters of the GPSP front-end, on the <c>Wiimmfi.Gpsp</c> meter and as plain numbers.</summary>
public sealed class GpspMetrics
{
    private static readonly Meter GpspMeter = new("Wiimmfi.Gpsp");
    private static readonly Counter<long> RequestsInstrument = GpspMeter.CreateCounter<long>("wiimmfi.gpsp.requests");
    private static readonly Counter<long> BadInputInstrument = GpspMeter.CreateCounter<long>("wiimmfi.gpsp.bad_input");

    private long _requests;
    private long _unverifiedSessions;
    private long _parseErrors;
    private long _badRequests;
    private long _unknownCommands;
    private long _unanswered;
    private long _oversized;

    /// <summary>Requests answered (errors included).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests whose session key did not match a live GPCM session (error 3328).</summary>
    public long UnverifiedSessions => Interlocked.Read(ref _unverifiedSessions);

    /// <summary>Messages that could not be parsed (error 1, closed).</summary>
    public long ParseErrors => Interlocked.Read(ref _parseErrors);

    /// <summary>Known requests with missing or bad fields.</summary>
    public long BadRequests => Interlocked.Read(ref _badRequests);

    /// <summary>Unknown commands (error 1, closed).</summary>
    public long UnknownCommands => Interlocked.Read(ref _unknownCommands);

    /// <summary><c>pmatch</c> and <c>profilelist</c>, which no reference answers.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Connections that sent more than the bound without <c>\final\</c>.</summary>
    public long OversizedMessages => Interlocked.Read(ref _oversized);

    internal void Request(string command)
    {
        Interlocked.Increment(ref _requests);
        RequestsInstrument.Add(1, new KeyValuePair<string, object?>("command", command));
    }

    internal void Unverified() => Bad(ref _unverifiedSessions, "unverified_session");

    internal void ParseError() => Bad(ref _parseErrors, "parse_error");

    internal void BadRequest() => Bad(ref _badRequests, "bad_request");

    internal void UnknownCommand() => Bad(ref _unknownCommands, "unknown_command");

    internal void UnansweredRequest() => Interlocked.Increment(ref _unanswered);

    internal void Oversized() => Bad(ref _oversized, "oversized");

    private static void Bad(ref long field, string kind)
    {
        Interlocked.Increment(ref field);
        BadInputInstrument.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }
}
