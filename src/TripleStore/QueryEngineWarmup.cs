using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace TripleStore;

/// <summary>
/// Compiles the query engine's code ahead of its first use, once per process, on a background thread.
/// Without it, the first query whose plan takes a new shape (a merge join, a hash step, a sampled
/// estimate) compiles that code inside its own execution: 10–80 ms of JIT in a query that otherwise takes
/// a few. <see cref="RdfStore.Open"/> starts it (setting QueryEngineWarmup, on by default); a host that
/// wants no compilation inside timed work waits for <see cref="Start"/>'s task first.
/// </summary>
/// <remarks>
/// Every method of the query path's types (parser, algebra, optimizer, evaluator, expressions, the store's
/// read side, terms) goes through <see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/>; the
/// generic types and methods of the engine are compiled in their shared form (what every reference-type
/// instantiation runs). The generic code the engine instantiates over value types (LINQ over doubles,
/// dictionaries keyed by ids, lists of structs) is found by reading the engine's IL for the methods it
/// calls and the generic types it constructs, and compiled for those exact instantiations, a few levels
/// deep. With tiered compilation on (the module inside pwsh) this prepares the ReadyToRun code or a quick
/// first tier; with it off (the benchmark host) every method is compiled fully optimized, as its first
/// call would have. Failures are counted and skipped: warming never affects a query's result.
/// </remarks>
public static class QueryEngineWarmup
{
    /// <summary>Namespaces whose types are on the query path (the type's namespace equals one or starts with it and a dot).</summary>
    private static readonly string[] QueryPathNamespaces =
        ["TripleStore.Sparql", "TripleStore.Dataset", "TripleStore.Storage", "TripleStore.Rdf", "TripleStore.Telemetry"];

    /// <summary>Facade types of the root namespace a query goes through.</summary>
    private static readonly Type[] FacadeTypes = [typeof(RdfStore), typeof(StoreQuery)];

    /// <summary>How many calls deep the IL of generic code outside the engine is read for further instantiations.</summary>
    // 3: LINQ over the engine's structs builds its iterators two calls below the engine's call (Take → SpeedOptimizedTakeIterator
    // → IListSkipTakeIterator); 2 left those to the first query that used them, 3 costs half again as many methods.
    private const int GenericDepth = 3;

    private static readonly Lock Gate = new();
    private static TaskCompletionSource? _completion;
    private static int _prepared;
    private static int _failed;
    private static long _elapsedTicks;

    /// <summary>
    /// Starts the warm-up on a background thread, or returns the one already started (it runs once per
    /// process). The task completes when every method has been prepared; it never faults.
    /// </summary>
    public static Task Start()
    {
        lock (Gate)
        {
            if (_completion is not null) return _completion.Task;
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(Run)
            {
                IsBackground = true,
                Priority = ThreadPriority.BelowNormal,
                Name = "TripleStore query engine warm-up",
            };
            thread.Start();
            return _completion.Task;
        }
    }

    /// <summary>Whether <see cref="Start"/> was called in this process.</summary>
    public static bool IsStarted
    {
        get { lock (Gate) return _completion is not null; }
    }

    /// <summary>Whether the warm-up has finished.</summary>
    public static bool IsCompleted
    {
        get { lock (Gate) return _completion?.Task.IsCompleted == true; }
    }

    /// <summary>Methods prepared so far (compiled, or found already compiled).</summary>
    public static int MethodsPrepared => Volatile.Read(ref _prepared);

    /// <summary>Methods that could not be prepared (e.g. a generic constraint an instantiation does not meet); skipped.</summary>
    public static int MethodsSkipped => Volatile.Read(ref _failed);

    /// <summary>How long the warm-up took (wall time on its thread), once finished.</summary>
    public static TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _elapsedTicks));

    private static string? _firstSkip;

    /// <summary>The first thing warming skipped and why (for diagnostics), or null.</summary>
    public static string? FirstSkipped => Volatile.Read(ref _firstSkip);

    private static void Skip(string? what, Exception e)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstSkip, $"{what}: {e.GetType().Name}: {e.Message}", null);
    }

    private static void Run()
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            new Compiler().CompileQueryPath();
        }
        catch (Exception e)
        {
            Skip("warm-up", e);
            // Warming is an optimization: anything unexpected leaves the remaining code to compile on first use.
        }
        finally
        {
            Volatile.Write(ref _elapsedTicks, Stopwatch.GetElapsedTime(started).Ticks);
            _completion!.TrySetResult();
        }
    }

    /// <summary>One warm-up pass: the methods seen, and the code still to read.</summary>
    private sealed class Compiler
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        /// <summary>What an array of a value type runs when used through IList&lt;T&gt; or IEnumerable&lt;T&gt; (LINQ over arrays).</summary>
        private static readonly Type? ArrayInterfaces = typeof(Array).Assembly.GetType("System.SZArrayHelper");
        private static readonly Type? ArrayEnumerator = typeof(Array).Assembly.GetType("System.SZGenericArrayEnumerator`1");

        /// <summary>What Array.Sort and List.Sort pick at run time (by reflection, so no IL names them).</summary>
        private static readonly Type? SortHelper = typeof(Array).Assembly.GetType("System.Collections.Generic.ArraySortHelper`1");
        private static readonly Type? ComparableSortHelper = typeof(Array).Assembly.GetType("System.Collections.Generic.GenericArraySortHelper`1");

        private readonly HashSet<RuntimeMethodHandle> _seen = [];
        private readonly Queue<(MethodBase Method, int Depth)> _toRead = new();
        private readonly HashSet<Type> _constructedTypes = [];
        private readonly HashSet<Type> _valueTypes = [];
        private readonly HashSet<Type> _sorted = [];
        private readonly Assembly _engine = typeof(QueryEngineWarmup).Assembly;
        private readonly string? _engineFolder = FolderOf(typeof(QueryEngineWarmup).Assembly);

        public void CompileQueryPath()
        {
            var types = EngineTypes().ToList();
            // Static constructors first, as a first query would run them: code compiled after its classes are
            // initialized reads their static readonly fields as constants and needs no initialization checks,
            // which code compiled before would carry for good (no tiering replaces it in a host without tiers).
            var initialized = new HashSet<Type>();
            foreach (var type in types)
                if (Initialize(type)) initialized.Add(type);
            foreach (var type in types)
            {
                try
                {
                    foreach (var method in MethodsOf(type, initialized.Contains(type)))
                        Prepare(method, 0);
                    // What a static constructor instantiates is read like any other method's calls.
                    if (!type.IsGenericType && type.TypeInitializer is { } initializer) _toRead.Enqueue((initializer, 0));
                }
                catch (Exception e)
                {
                    Skip(type.FullName, e);
                }
            }
            // Code outside the engine that the engine calls: generic code over the engine's types, and the
            // package dependencies beside it (RocksDbSharp, prometheus-net), in the order found.
            while (_toRead.Count > 0)
            {
                var (method, depth) = _toRead.Dequeue();
                try
                {
                    ReadCalls(method, depth);
                }
                catch (Exception e)
                {
                    Skip(method.Name, e);
                }
            }
        }

        private IEnumerable<Type> EngineTypes()
        {
            Type[] types;
            try
            {
                types = _engine.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types.Where(t => t is not null).ToArray()!;
            }
            foreach (var type in types)
            {
                if (!OnQueryPath(type) || type.IsInterface || typeof(Delegate).IsAssignableFrom(type)) continue;
                if (!type.IsGenericTypeDefinition)
                {
                    yield return type;
                    continue;
                }
                // The shared code of a generic engine type, which every reference-type instantiation runs.
                if (Shared(type) is { } closed) yield return closed;
            }
        }

        private static bool OnQueryPath(Type type)
        {
            var outer = type;
            while (outer.DeclaringType is not null) outer = outer.DeclaringType;
            if (FacadeTypes.Contains(outer)) return true;
            string ns = outer.Namespace ?? "";
            foreach (var prefix in QueryPathNamespaces)
                if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal)) return true;
            return false;
        }

        private static Type? Shared(Type definition)
        {
            try
            {
                return definition.MakeGenericType(definition.GetGenericArguments().Select(_ => typeof(object)).ToArray());
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        /// <summary>
        /// Runs a non-generic type's static constructor, as its first use would (the same as a query on another
        /// thread using it first); false when it has none it could run. One that throws is left to throw at the
        /// first real use, as it would have anyway.
        /// </summary>
        private static bool Initialize(Type type)
        {
            if (type.IsGenericType || type.TypeInitializer is null) return false;
            try
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                return true;
            }
            catch (Exception e)
            {
                Skip(type.FullName, e);
                return false;
            }
        }

        /// <summary>
        /// A type's own methods and instance constructors (generic methods in their shared form). Preparing a static
        /// method of a type with a static constructor of its own (not beforefieldinit) runs that constructor, so unless
        /// it ran already, those stay with the first real use.
        /// </summary>
        private static IEnumerable<MethodBase> MethodsOf(Type type, bool initialized = false)
        {
            bool preciseInit = !initialized && type.TypeInitializer is not null && !type.Attributes.HasFlag(TypeAttributes.BeforeFieldInit);
            if (!preciseInit)
                foreach (var constructor in type.GetConstructors(Declared))
                    if (!constructor.IsStatic) yield return constructor;
            foreach (var method in type.GetMethods(Declared))
            {
                if (preciseInit && method.IsStatic) continue;
                if (!method.IsGenericMethodDefinition)
                {
                    yield return method;
                    continue;
                }
                MethodInfo? shared = null;
                try
                {
                    shared = method.MakeGenericMethod(method.GetGenericArguments().Select(_ => typeof(object)).ToArray());
                }
                catch (ArgumentException)
                {
                }
                if (shared is not null) yield return shared;
            }
        }

        /// <summary>A constructed generic type's methods and those of its generic base types (an iterator's GetEnumerator and Current live on its base).</summary>
        private void PrepareConstructed(Type constructed, int depth)
        {
            for (var type = constructed; type is { IsGenericType: true, ContainsGenericParameters: false }; type = type.BaseType)
            {
                if (!_constructedTypes.Add(type)) return;
                foreach (var member in MethodsOf(type))
                    Prepare(member, depth);
            }
        }

        private void Prepare(MethodBase method, int depth)
        {
            if (method.IsAbstract || method.ContainsGenericParameters) return;
            var implementation = method.MethodImplementationFlags;
            if ((implementation & (MethodImplAttributes.InternalCall | MethodImplAttributes.Runtime)) != 0) return;
            if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0) return;
            RuntimeMethodHandle handle;
            try
            {
                handle = method.MethodHandle;
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
            {
                return;
            }
            if (!_seen.Add(handle)) return;
            var instantiation = InstantiationOf(method);
            try
            {
                // A method the runtime has not yet given an entry point (a virtual method of a type not yet
                // used, e.g. an iterator's MoveNext) is silently left alone by PrepareMethod; asking for its
                // entry point first makes it compile.
                _ = handle.GetFunctionPointer();
            }
            catch (Exception)
            {
                // Some instantiated methods have no callable entry point of their own; PrepareMethod still compiles them.
            }
            try
            {
                if (instantiation is null) RuntimeHelpers.PrepareMethod(handle);
                else RuntimeHelpers.PrepareMethod(handle, instantiation.Select(t => t.TypeHandle).ToArray());
                Interlocked.Increment(ref _prepared);
            }
            catch (Exception e)
            {
                Skip(method.Name, e);
                return;
            }
            // Arrays of the value types the engine itself instantiates generic code over (deeper ones are the
            // runtime's own structs, thousands of them, that the engine's queries do not enumerate as interfaces).
            if (instantiation is not null && depth <= 1)
                foreach (var argument in instantiation)
                    if (argument.IsValueType && !argument.ContainsGenericParameters && _valueTypes.Add(argument))
                        PrepareArrayInterfaces(argument, depth);
            if (depth <= GenericDepth) _toRead.Enqueue((method, depth));
        }

        /// <summary>The declaring type's type arguments then the method's, or null when neither is generic.</summary>
        private static Type[]? InstantiationOf(MethodBase method)
        {
            var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : Type.EmptyTypes;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : Type.EmptyTypes;
            if (typeArguments.Length + methodArguments.Length == 0) return null;
            return [.. typeArguments, .. methodArguments];
        }

        /// <summary>An array of <paramref name="element"/> used as IEnumerable&lt;T&gt; or IList&lt;T&gt;.</summary>
        private void PrepareArrayInterfaces(Type element, int depth)
        {
            if (ArrayInterfaces is not null)
                foreach (var method in ArrayInterfaces.GetMethods(Declared))
                    if (method.IsGenericMethodDefinition && method.GetGenericArguments().Length == 1 && Instantiate(method, element) is { } closed)
                        Prepare(closed, depth + 1);
            if (ArrayEnumerator is not null && Construct(ArrayEnumerator, element) is { } enumerator)
                PrepareConstructed(enumerator, depth + 1);
        }

        /// <summary>The sort helpers Array.Sort&lt;T&gt; picks for <paramref name="element"/>.</summary>
        private void PrepareSortHelpers(Type element, int depth)
        {
            if (!_sorted.Add(element)) return;
            foreach (var helper in new[] { SortHelper, ComparableSortHelper })
                if (helper is not null && Construct(helper, element) is { } constructed)
                    PrepareConstructed(constructed, depth + 1);
        }

        private static MethodInfo? Instantiate(MethodInfo definition, Type argument)
        {
            try
            {
                return definition.MakeGenericMethod(argument);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static Type? Construct(Type definition, Type argument)
        {
            try
            {
                return definition.MakeGenericType(argument);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static string? FolderOf(Assembly assembly)
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)) return null;
            return Path.GetDirectoryName(assembly.Location);
        }

        /// <summary>A package the engine ships beside itself (RocksDbSharp, prometheus-net, ...): IL only where the engine is.</summary>
        private bool IsDependency(Assembly assembly) =>
            assembly != _engine && _engineFolder is not null && FolderOf(assembly) == _engineFolder;

        /// <summary>
        /// Reads a method's IL for what it calls (or takes the address of) and constructs: generic code closed over
        /// concrete types, and the methods of the engine's package dependencies; prepares those and reads them in turn,
        /// a few calls deep. A constructed generic type gets all its methods, since most are reached through
        /// interfaces (an iterator's MoveNext) that the IL does not name.
        /// </summary>
        private void ReadCalls(MethodBase method, int depth)
        {
            bool engine = method.Module.Assembly == _engine;
            // Outside the engine and its packages only generic code is followed: the runtime's own was compiled ahead of time.
            if (!engine && !IsGeneric(method) && !IsDependency(method.Module.Assembly)) return;
            if (!engine && depth >= GenericDepth) return;
            byte[]? il;
            try
            {
                il = method.GetMethodBody()?.GetILAsByteArray();
            }
            catch (Exception)
            {
                return;
            }
            if (il is null) return;
            var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            foreach (var (opcode, token) in MethodTokens(il))
            {
                MethodBase? target;
                try
                {
                    target = method.Module.ResolveMethod(token, typeArguments, methodArguments);
                }
                catch (Exception)
                {
                    continue;
                }
                if (target is null || target.ContainsGenericParameters) continue;
                if (NativeImplementation(target) is { } native)
                {
                    Prepare(native, GenericDepth + 1);
                    continue;
                }
                bool generic = IsGeneric(target);
                if (!generic && !IsDependency(target.Module.Assembly)) continue;
                if (target.DeclaringType is { } owner && owner.Assembly == _engine && !generic) continue;
                Prepare(target, depth + 1);
                if (opcode == OpCodes.Newobj.Value && target.DeclaringType is { IsGenericType: true } constructed)
                    PrepareConstructed(constructed, depth + 1);
                if (generic && target.Name == "Sort" && target.Module.Assembly == typeof(Array).Assembly)
                    foreach (var argument in InstantiationOf(target) ?? [])
                        if (argument.IsValueType) PrepareSortHelpers(argument, depth + 1);
            }
        }

        /// <summary>
        /// RocksDbSharp calls the native library through abstract methods of <c>Native</c>, implemented by a type it
        /// generates at run time; each implementation's marshalling stub is compiled on its first call.
        /// </summary>
        private static MethodInfo? NativeImplementation(MethodBase target)
        {
            if (!target.IsAbstract || target.DeclaringType != typeof(RocksDbSharp.Native)) return null;
            try
            {
                var parameters = target.GetParameters().Select(p => p.ParameterType).ToArray();
                return RocksDbSharp.Native.Instance.GetType().GetMethod(target.Name, BindingFlags.Public | BindingFlags.Instance, parameters);
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static bool IsGeneric(MethodBase method) => method.IsGenericMethod || method.DeclaringType is { IsGenericType: true };

        /// <summary>The opcode and token of every call, callvirt, newobj, ldftn and ldvirtftn in a method body.</summary>
        private static IEnumerable<(short OpCode, int Token)> MethodTokens(byte[] il)
        {
            int i = 0;
            while (i < il.Length)
            {
                OpCode opcode;
                if (il[i] == 0xFE)
                {
                    if (i + 1 >= il.Length) yield break;
                    opcode = TwoByte[il[i + 1]];
                    i += 2;
                }
                else
                {
                    opcode = OneByte[il[i]];
                    i += 1;
                }
                if (opcode.Size == 0) yield break; // not an opcode: stop reading this body
                int operand = OperandSize(opcode.OperandType, il, i);
                if (operand < 0 || i + operand > il.Length) yield break;
                if (opcode.OperandType == OperandType.InlineMethod)
                    yield return (opcode.Value, BitConverter.ToInt32(il, i));
                i += operand;
            }
        }

        private static int OperandSize(OperandType type, byte[] il, int at) => type switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => at + 4 <= il.Length ? 4 + 4 * BitConverter.ToInt32(il, at) : -1,
            _ => 4,
        };

        private static readonly OpCode[] OneByte = new OpCode[256];
        private static readonly OpCode[] TwoByte = new OpCode[256];

        static Compiler()
        {
            foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.GetValue(null) is not OpCode opcode) continue;
                ushort value = (ushort)opcode.Value;
                if (opcode.Size == 1) OneByte[value] = opcode;
                else TwoByte[value & 0xFF] = opcode;
            }
        }
    }
}
