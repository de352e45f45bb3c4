using System.Collections.Concurrent;
using Wiimmfi.ConsoleEmulator.Nas;

namespace Wiimmfi.LoadTest.Scenarios.Common;

/// <summary>
/// Console identities shared by the users of one scenario, so that logins are mostly by returning consoles (as on a
/// real evening) rather than by a new account each time. A user takes the console idle longest; when none is idle a
/// new one is made (it has no user id yet, so its first login starts with <c>acctcreate</c>). The pool therefore
/// grows to the largest number of consoles in use at once, and consoles made during the warm-up serve the measured
/// phase. Identities are random (the emulator's <see cref="EmulatedConsole.CreateWii"/>: a locally administered MAC,
/// a valid Wii number), so parallel load processes never share one.
/// </summary>
public sealed class ConsolePool
{
    private readonly ConcurrentQueue<EmulatedConsole> _idle = new();
    private long _created;

    /// <summary>Consoles made so far.</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Consoles waiting to be taken.</summary>
    public int Idle => _idle.Count;

    public EmulatedConsole Take()
    {
        if (_idle.TryDequeue(out var console)) return console;
        Interlocked.Increment(ref _created);
        return EmulatedConsole.CreateWii();
    }

    /// <summary>Gives a console back (with the user id it got, if any) for a later user.</summary>
    public void Return(EmulatedConsole console) => _idle.Enqueue(console);
}
