"""What the rows (or columns) of a theme or heatmap chart are: the documents of a small corpus, or
groups of documents (years, or any ``--by`` column) above ``DETAIL_MAX`` documents.

One labelled bar or cell per document stops being readable after a few dozen documents (at 1,000
the heatmap was 132,400 pixels wide), so larger corpora are charted by group, each group labelled
with its number of documents.
"""

from __future__ import annotations

from typing import Any

from ..dataclass_code import dataclass
from ..records import TrendTable

#: Up to this many documents, one bar or cell per document; above, one per group.
DETAIL_MAX = 30
#: At most this many groups in one chart (the groups with most documents; years stay in order).
MAX_GROUPS = 40
#: Years are all shown up to this many (a series is read whole).
MAX_YEARS = 100
UNDATED = "年份不详"


@dataclass(frozen=True)
class ChartRows:
    """The rows of a chart over a ``TrendTable``, in display order.

    ``frame`` columns: key, term, label, count, per_10k (and share for themes), one row per
    (key, term); key is a document id, or a group value of ``by``.
    """

    frame: Any  #: pandas.DataFrame, columns as above
    keys: tuple[str, ...]  #: row keys in display order
    labels: tuple[str, ...]  #: the label shown for each key
    documents: tuple[int, ...]  #: documents behind each key (1 per document row)
    by: str | None  #: the grouping column, None when each row is one document
    left_out: int = 0  #: groups not shown (beyond ``MAX_GROUPS``)
    total_groups: int = 0  #: groups before the cut

    @property
    def what(self) -> str:
        """How the rows were made, for a chart's subtitle or a caption."""
        if self.by is None:
            return "每行一份规划"
        cut = (f", 显示规划最多的 {len(self.keys)} 组 (共 {self.total_groups} 组)"
               if self.left_out else "")
        return f"按{_BY.get(self.by, self.by)}分组, 括号内为规划数{cut}"


_BY = {"year": "年份", "place": "地区", "province": "省份", "level": "层级", "period": "五年规划期"}


def _year_text(v: Any) -> str:
    return UNDATED if v is None or v != v else str(int(v))


def chart_rows(table: TrendTable, *, by: str | None = None, detail_max: int = DETAIL_MAX,
               max_groups: int = MAX_GROUPS) -> ChartRows:
    """Documents as rows when there are at most ``detail_max`` and no ``by``; otherwise groups of
    ``by`` (default: year), with documents per group. Years are in time order (undated last);
    other groups by number of documents, most first."""
    from ..trends.measures import UNKNOWN, group_table

    df = table.counts
    cols = ["term", "label", "count", "per_10k", *(["share"] if "share" in df.columns else [])]
    n_docs = df["id"].nunique()
    if by is None and n_docs <= detail_max:
        docs = df.drop_duplicates("id")[["id", "place", "year"]].copy()
        docs["_y"] = docs["year"].fillna(9999)
        docs = docs.sort_values(["_y", "id"], kind="stable")
        frame = df[["id", *cols]].rename(columns={"id": "key"})
        # a plan is labelled by its place and year; without a place, by its id (never as a place)
        labels = tuple(f"{p} {_year_text(y)}" if isinstance(p, str) and p else str(i)
                       for i, p, y in zip(docs["id"], docs["place"], docs["year"], strict=True))
        return ChartRows(frame, tuple(docs["id"]), labels, (1,) * len(docs), None)
    by = by or "year"
    g = group_table(table, by)
    g = g.rename(columns={by: "key"})
    g["key"] = g["key"].astype(str)
    per = g.drop_duplicates("key")[["key", "documents"]]
    unknown = per[per["key"] == UNKNOWN]
    known = per[per["key"] != UNKNOWN]
    if by == "year":
        known = known.assign(_o=known["key"].astype(int)).sort_values("_o")
    else:
        known = known.sort_values(["documents", "key"], ascending=[False, True], kind="stable")
    order = [*known["key"], *unknown["key"]]
    total = len(order)
    if by == "year":  # every year of a long series (50 years of work reports), up to a century
        max_groups = max(max_groups, MAX_YEARS)
    if total > max_groups:
        keep = set(per.sort_values("documents", ascending=False, kind="stable")["key"][:max_groups])
        order = [k for k in order if k in keep]
    n = dict(zip(per["key"], per["documents"], strict=True))
    labels = tuple((UNDATED if by == "year" else "不详") + f" ({n[k]})" if k == UNKNOWN
                   else f"{k} ({n[k]})" for k in order)
    frame = g[g["key"].isin(order)][["key", *cols]]
    return ChartRows(frame, tuple(order), labels, tuple(int(n[k]) for k in order), by,
                     total - len(order), total)


def pivot(rows: ChartRows, value: str, terms: Any) -> Any:
    """A (term × key) DataFrame of ``value``, terms and keys in display order, missing as 0."""
    return (rows.frame.pivot_table(index="term", columns="key", values=value, aggfunc="sum")
            .reindex(index=list(terms), columns=list(rows.keys)).fillna(0))
