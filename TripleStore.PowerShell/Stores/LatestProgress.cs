namespace TripleStore.PowerShell.Stores;

/// <summary>
/// Keeps only the newest progress report. The engine reports from its own threads, where a cmdlet may
/// not write; the cmdlet's thread picks the value up and writes it.
/// </summary>
internal sealed class LatestProgress<T> : IProgress<T> where T : class
{
    private T? _value;

    public T? Value => Volatile.Read(ref _value);

    public void Report(T value) => Volatile.Write(ref _value, value);
}
