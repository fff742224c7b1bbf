"""The report's policy-instrument section: the mix of supply, environment and demand by year (or
by document when the plans have no years), the tools, and the instrument × theme table."""

from __future__ import annotations

from ..records import ReportSection
from . import html as h
from .context import ReportContext


def instruments_section(ctx: ReportContext) -> ReportSection:
    """Policy instruments (政策工具) of every provision, coded with the shipped codebook."""
    from ..instruments import tables
    from ..instruments.codebook import load_codebook
    from ..instruments.coding import code_documents
    from ..render.instruments_chart import instrument_chart

    cb = load_codebook()
    units = ctx.step("coding policy instruments", lambda: code_documents(list(ctx.docs), codebook=cb))
    years = {d.meta.year for d in ctx.docs if d.meta.year is not None}
    by = "year" if len(years) >= 2 else "id"
    shares = tables.shares(units, by, codebook=cb)
    tools = tables.tool_table(units, by, codebook=cb)
    themes = tables.theme_table(units, ctx.lexicon, codebook=cb)
    files = [
        ctx.table("instruments_units", units[[c for c in units.columns if c != "chars"]]),
        ctx.table("instruments_shares", shares),
        ctx.table("instruments_tools", tools),
        ctx.table("instruments_themes", themes),
    ]
    charts = ctx.chart("instruments", lambda p: instrument_chart(shares, tools, p, by=by))
    files += charts
    inst = units[units["category"] != "none"]
    total = len(units)
    mix = (
        ", ".join(f"{cb.category_name(c)} {(inst['category'] == c).mean():.0%}" for c in cb.instrument_categories)
        if len(inst)
        else "no instrument units"
    )
    body = h.paragraph(
        f"Every provision is coded by the policy instrument it uses, in Rothwell and Zegveld's "
        f"families as Chinese policy-text studies use them: supply (the government provides talent, "
        f"money, technology, services), environment (goals, finance, tax, rules, strategic "
        f"measures) and demand (procurement, trade, pilots, consumption). {len(inst)} of {total} "
        f"provisions are instruments ({mix}); the rest are reviews of results, procedure, headings "
        f"or general statements. The coding follows the cues of the shipped codebook "
        f"(evolve/data/instruments.toml): read the evidence column of the table before citing a share."
    )
    # linked, not embedded: the page stays the length its browser check expects; the chart opens
    # full width from the link
    body += h.paragraph(
        "Chart of the instrument mix " + ("by year" if by == "year" else "per plan") + " and the tools used: "
    ) + " · ".join(h.link(rel, rel) for rel in charts)
    m = tables.theme_matrix(themes, codebook=cb)
    rows = [[idx, *[int(v) for v in r]] for idx, r in m.iterrows()]
    body += "<h3>Instrument × theme (instrument provisions mentioning a term of each theme)</h3>"
    body += h.table(rows, ["", *[str(c) for c in m.columns]], digits=0)
    ctx.method("policy instruments", f"rule coder, codebook {cb.source}, provision level")
    notices = () if len(inst) else ("no provision was coded as an instrument",)
    return ReportSection("instruments", "Policy instruments", body, tuple(files), notices)
