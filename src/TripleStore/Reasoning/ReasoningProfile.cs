namespace TripleStore.Reasoning;

/// <summary>Which entailment rules a materialization applies.</summary>
public enum ReasoningProfile
{
    /// <summary>The RDFS entailment rules (see docs/reasoning.md for which ones run by default).</summary>
    Rdfs,

    /// <summary>The OWL 2 RL/RDF rules of OWL 2 Profiles §4.3.</summary>
    Owl2Rl,
}
