"""Regenerates the neutralize sample: synthetic Numerai-shaped data and the values numerai-tools' `neutralize`
computes for it per era (its steps, DATA-AND-SCORING.md 4.3: columns with zero pandas std become NaN; X = the
features as float plus a column of ones; beta = numpy.linalg.lstsq(X, y, rcond=1e-6); result = y - proportion * X beta),
applied to the rows where the column is not NaN.

Needs numpy and pandas (Debian: python3-numpy python3-pandas). Run from this folder: python3 make_sample.py
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(20261202)
ERA_SIZES = [500, 37, 800, 12, 300]
P = 20
PROPORTIONS = [1.0, 0.5]

rows = []
for e, size in enumerate(ERA_SIZES):
    era = f"{e + 1:04d}"
    # features in groups that share a latent factor, as Numerai's do; integers 0..4
    latent = rng.normal(size=(size, 4))
    noise = rng.normal(scale=0.8, size=(size, P))
    f = np.clip(np.rint(2 + latent[:, np.arange(P) % 4] + noise), 0, 4).astype(int)
    if era == "0002":
        f[:, 3] = 2                      # constant in the era
    f[:, 7] = f[:, 6]
    f[0, 7] = (f[0, 6] + 1) % 5          # a near-duplicate: differs in one row
    f[:, 9] = 4 - f[:, 8]                # affine in feature 8: dependent with the ones column
    signal = 0.03 * (f[:, 0] - 2) - 0.02 * f[:, 5] + 0.015 * f[:, 12] * f[:, 13] / 4
    pred = 0.5 + signal + rng.normal(scale=0.05, size=size)
    pred_b = rng.uniform(size=size) + 0.05 * f[:, 1]
    pred_b[rng.uniform(size=size) < 0.05] = np.nan
    if era == "0005":
        pred_b[:] = 0.5                  # constant in the era: numerai-tools returns NaN
    for i in range(size):
        rows.append({"id": f"n{rng.integers(1 << 59):015x}", "era": era, **{f"feature_s{j:02d}": f[i, j] for j in range(P)},
                     "prediction": pred[i], "prediction_b": pred_b[i]})

data = pd.DataFrame(rows)
features = [f"feature_s{j:02d}" for j in range(P)]


def neutralize(df, neutralizers, proportion):
    # numerai-tools' steps, restated (the library itself asserts there is no NaN)
    df = df.copy()
    zero_std = df.columns[df.std() == 0]
    df.loc[:, zero_std] = np.nan
    x = np.hstack((neutralizers.values.astype(float), np.ones((len(neutralizers), 1))))
    beta = np.linalg.lstsq(x, df.values, rcond=1e-6)[0]
    return df.values - proportion * x.dot(beta)


expected = pd.DataFrame({"id": data["id"]})
for column in ["prediction", "prediction_b"]:
    for proportion in PROPORTIONS:
        out = np.full(len(data), np.nan)
        for _, era_rows in data.groupby("era"):
            kept = era_rows[era_rows[column].notna()]
            out[kept.index] = neutralize(kept[[column]], kept[features], proportion)[:, 0]
        expected[f"{column}@{proportion}"] = out

data.to_csv("data.csv", index=False, float_format="%.17g")
expected.to_csv("expected.csv", index=False, float_format="%.17g")
print(f"numpy {np.__version__}, pandas {pd.__version__}: {len(data)} rows, {len(ERA_SIZES)} eras, {P} features")
