namespace Wiimmfi.Actors.Runtime;

/// <summary>Something scheduled that can be called off.</summary>
public interface ICancelable
{
    void Cancel();
    bool IsCancellationRequested { get; }
}
