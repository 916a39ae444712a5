namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>How LightGBM reads a parameter's value (Config::ParameterTypes and the <c>type =</c> notes of config.h).</summary>
internal enum ParameterType
{
    /// <summary>A 32-bit integer (Common::AtoiAndCheck).</summary>
    Int,

    /// <summary>A double (Common::AtofAndCheck).</summary>
    Double,

    /// <summary>true/false (or + / -), any case.</summary>
    Bool,

    /// <summary>Free text (a file name, a column).</summary>
    String,

    /// <summary>One of a fixed set of names, any case, with aliases.</summary>
    Enum,

    /// <summary>Comma-separated names of a fixed set (metric).</summary>
    EnumList,

    /// <summary>Comma-separated free text.</summary>
    StringList,

    /// <summary>Comma-separated integers.</summary>
    IntList,

    /// <summary>Comma-separated doubles.</summary>
    DoubleList,

    /// <summary>Bracketed lists of integers: <c>[0,1],[2,3]</c>.</summary>
    IntListList,

    /// <summary>Comma-separated integers, or <c>name:</c> followed by column names.</summary>
    IntListOrNames,
}
