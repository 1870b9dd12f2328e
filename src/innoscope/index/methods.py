"""The names of the pipeline's methods, as enums with no numeric dependencies.

The command line's options and the settings models take their choices from
here, so that parsing a command (or printing its ``--help``) imports no array
library; the modules that compute (:mod:`~innoscope.index.aggregate`,
:mod:`~innoscope.index.impute`, :mod:`~innoscope.index.normalise`,
:mod:`~innoscope.index.weights`) re-export them.

>>> Norm("zscore"), Imp.GROUP_MEAN.needs_group, WeightMethod.PCA.from_data
(<Norm.ZSCORE: 'zscore'>, True, True)
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Agg", "Imp", "Norm", "Ties", "WeightMethod"]


class Agg(StrEnum):
    """The aggregation methods (``--aggregate NAME``)."""

    AMEAN = "amean"
    GMEAN = "gmean"
    HMEAN = "hmean"
    GENMEAN = "genmean"
    COPELAND = "copeland"


class Imp(StrEnum):
    """The imputation methods (``impute.method``)."""

    NONE = "none"
    MEAN = "mean"
    MEDIAN = "median"
    GROUP_MEAN = "group_mean"
    GROUP_MEDIAN = "group_median"
    LATEST = "latest"  # the latest earlier period's value
    INTERP = "interp"  # linear between periods, none beyond the ends
    INTERP_CONST = "interp_const"  # linear between, the nearest value beyond the ends

    @property
    def is_panel(self) -> bool:
        return self in (Imp.LATEST, Imp.INTERP, Imp.INTERP_CONST)

    @property
    def needs_group(self) -> bool:
        return self in (Imp.GROUP_MEAN, Imp.GROUP_MEDIAN)


class Norm(StrEnum):
    """The normalisation methods (``--normalise NAME``)."""

    NONE = "none"
    MINMAX = "minmax"  # onto [l, u]
    ZSCORE = "zscore"  # mean `mean`, standard deviation `sd` (sample sd, n-1)
    RANK = "rank"  # ranks, 1 = lowest
    PRANK = "prank"  # percentile rank in [0, 1]
    BORDA = "borda"  # Borda score: number of units beaten (rank - 1)
    GOALPOSTS = "goalposts"  # (x - low) / (high - low) * scale, capped to [0, scale]
    FRACMAX = "fracmax"  # x / max * scale
    DIST2MAX = "dist2max"  # 1 - (max - x) / (max - min), times scale
    DIST2REF = "dist2ref"  # x / x[reference unit] * scale, optionally capped
    DIST2TARG = "dist2targ"  # (x - min) / (target - min) * scale, optionally capped
    STANDARD = "standard"  # x / standard value * 100 in [0, 100] (China regional evaluation)


class Ties(StrEnum):
    """How ``rank`` and ``borda`` rank tied values (R's ``ties.method``)."""

    MIN = "min"  # the lowest rank of the block (COINr's default)
    AVERAGE = "average"
    MAX = "max"
    DENSE = "dense"  # like min, with no gaps after a block
    ORDINAL = "ordinal"  # distinct ranks in the order the units are listed


class WeightMethod(StrEnum):
    """The weighting methods (``weights: {method: NAME}``, ``--weights NAME``)."""

    GIVEN = "given"  # the framework's weights, with `values` replacing some
    EQUAL = "equal"  # every child of a node weighs the same
    PCA = "pca"  # squared loadings of the first principal component of each node's children
    PCA_LOADINGS = "pca_loadings"  # COINr's PCA weights: the first component's loadings, signs included

    @property
    def from_data(self) -> bool:
        """Whether the weights depend on the children's scores (and so on each run's data)."""
        return self in (WeightMethod.PCA, WeightMethod.PCA_LOADINGS)
