namespace TripleStore.Storage;

/// <summary>
/// Gives the memory of an import phase back before the next phase allocates its own. The sort buffers are
/// large arrays on the large-object heap, which is only collected by a full collection; a phase's buffers
/// dropped at its end stay resident until then, and the next phase's buffers (allocated before any such
/// collection runs) come on top of them, so the process held its budget nearly twice. A compacting
/// collection that decommits the freed memory at the phase boundary keeps the resident set near what is
/// live. It runs in the engine, so it holds in any host (pwsh included), whatever its GC settings.
/// </summary>
internal static class ImportMemory
{
    /// <summary>
    /// Collects, compacts (the large-object heap too) and returns the freed memory to the system. Live data is
    /// only the buffers the next phase keeps, mostly arrays of ids without references, so this takes tens of
    /// milliseconds, once per phase.
    /// </summary>
    public static void Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
