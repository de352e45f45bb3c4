namespace Wiimmfi.Actors.Storage;

/// <summary>Creates the store for the configured dialect.</summary>
public static class WiimmfiStore
{
    /// <summary>
    /// Creates the store described by <paramref name="options"/> (nothing is opened yet; connections open on
    /// first use). <paramref name="time"/> stamps every stored time and decides expiry; tests pass
    /// a manual clock, production leaves it null (<see cref="TimeProvider.System"/>).
    /// </summary>
    public static IWiimmfiStore Create(StoreOptions options, TimeProvider? time = null) =>
        new SqlWiimmfiStore(StoreDatabase.Create(options), time ?? TimeProvider.System);
}
