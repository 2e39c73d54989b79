"""Sources and methodology: where every figure comes from and how labels were mapped."""

from __future__ import annotations

import functools

import streamlit as st

from exports.table_csv import query_csv
from ui import data
from ui.page import PageContext

# Rows of the change list shown on screen; the CSV holds them all (same query, no limit).
CHANGES_SHOWN = 1000

TEXT = {
    "sources_title": {"en": "Sources and methodology", "fr": "Sources et méthodologie"},
    "sources_intro": {
        "en": "Every figure in this dashboard comes from a file published by someone else, kept byte for byte in the project with its address, retrieval date and SHA-256 fingerprint. Each row of each file is either loaded or kept aside with the reason it was rejected: rows read = rows loaded + rows rejected.",
        "fr": "Chaque chiffre de ce tableau de bord provient d'un fichier publié par un tiers, conservé à l'octet près dans le projet avec son adresse, sa date de récupération et son empreinte SHA-256. Chaque ligne de chaque fichier est soit chargée, soit mise de côté avec la raison de son rejet : lignes lues = lignes chargées + lignes rejetées.",
    },
    "all_sources": {"en": "All sources", "fr": "Toutes les sources"},
    "col_source": {"en": "Source", "fr": "Source"},
    "col_jurisdiction": {"en": "Jurisdiction", "fr": "Juridiction"},
    "col_read": {"en": "Rows read", "fr": "Lignes lues"},
    "col_loaded": {"en": "Rows loaded", "fr": "Lignes chargées"},
    "col_rejected": {"en": "Rows rejected", "fr": "Lignes rejetées"},
    "col_retrieved": {"en": "Retrieved", "fr": "Récupéré le"},
    "col_title": {"en": "Title", "fr": "Titre"},
    "col_publisher": {"en": "Publisher", "fr": "Éditeur"},
    "col_licence": {"en": "Licence", "fr": "Licence"},
    "col_url": {"en": "Publisher's page", "fr": "Page de l'éditeur"},
    "col_sha256": {"en": "SHA-256 of the main file", "fr": "SHA-256 du fichier principal"},
    "one_source": {"en": "One source in detail", "fr": "Une source en détail"},
    "choose_source": {"en": "Source", "fr": "Source"},
    "covers": {"en": "What it covers", "fr": "Ce qu'elle couvre"},
    "does_not_cover": {"en": "What it does not cover", "fr": "Ce qu'elle ne couvre pas"},
    "caveats": {"en": "Known caveats", "fr": "Précautions connues"},
    "files": {"en": "Files", "fr": "Fichiers"},
    "reject_reasons": {
        "en": "Why rows were rejected",
        "fr": "Pourquoi des lignes ont été rejetées",
    },
    "no_rejects": {
        "en": "No row of this source was rejected.",
        "fr": "Aucune ligne de cette source n'a été rejetée.",
    },
    "mapping_title": {
        "en": "How published labels were mapped",
        "fr": "Comment les libellés publiés ont été classés",
    },
    "mapping_intro": {
        "en": "Publishers use their own words for outcomes (“1 DAY SUSPENSION”, “Forfeit vacation 5 day(s)”, “blâme”). To compare them, each label is placed on one common scale: no sanction, advice or training, warning or reprimand, suspension, demotion or transfer, dismissal. The original label is always kept. Labels that are not sanctions (resigned, retired, pending) have no level. Search the full table below; the same tables are files in `data/reference/` that anyone can review.",
        "fr": "Chaque éditeur emploie ses propres mots pour les sanctions (« 1 DAY SUSPENSION », « Forfeit vacation 5 day(s) », « blâme »). Pour les comparer, chaque libellé est placé sur une échelle commune : aucune sanction, conseil ou formation, avertissement ou blâme, suspension, rétrogradation ou mutation, révocation. Le libellé d'origine est toujours conservé. Les libellés qui ne sont pas des sanctions (démission, retraite, en cours) n'ont pas de niveau. Cherchez dans le tableau complet ci-dessous ; ces tables sont aussi des fichiers de `data/reference/` que chacun peut relire.",
    },
    "search_labels": {"en": "Search a label", "fr": "Chercher un libellé"},
    "all_jurisdictions": {"en": "All jurisdictions", "fr": "Toutes les juridictions"},
    "outcome_labels": {"en": "Outcome labels", "fr": "Libellés de sanction"},
    "category_labels": {"en": "Complaint categories", "fr": "Catégories de plainte"},
    "labels_found": {"en": "{count} labels", "fr": "{count} libellés"},
    "changes_title": {
        "en": "What changed since the last release",
        "fr": "Ce qui a changé depuis la dernière version",
    },
    "changes_intro": {
        "en": "Publishers revise their files: complaints are added, closed cases get an outcome, records disappear. Each build records the version (release) of every source's files, and gives every record a stable key made from the publisher's identifying fields (case, officer, allegation; region, year, measure), so a record whose outcome changed is shown as changed, not as removed and added. `python -m etl --refresh` fetches the newest files.",
        "fr": "Les éditeurs révisent leurs fichiers : des plaintes s'ajoutent, des affaires closes reçoivent une issue, des lignes disparaissent. Chaque construction enregistre la version des fichiers de chaque source et donne à chaque ligne une clé stable tirée des champs qui l'identifient chez l'éditeur (affaire, agent, allégation ; territoire, année, mesure) : une ligne dont l'issue a changé apparaît comme modifiée, pas comme supprimée puis ajoutée. `python -m etl --refresh` récupère les fichiers les plus récents.",
    },
    "changes_first_release": {
        "en": "Every source is at the first release this warehouse recorded: there is nothing to compare yet. After a refresh brings new files, this section lists what each new release added, removed or changed.",
        "fr": "Chaque source en est à la première version enregistrée par cet entrepôt : rien à comparer pour l'instant. Quand une mise à jour apporte de nouveaux fichiers, cette section liste ce que chaque nouvelle version a ajouté, retiré ou modifié.",
    },
    "col_release": {"en": "Release", "fr": "Version"},
    "col_previous_retrieved": {
        "en": "Previous release retrieved",
        "fr": "Version précédente récupérée le",
    },
    "col_records": {"en": "Records tracked", "fr": "Lignes suivies"},
    "col_added": {"en": "Added", "fr": "Ajoutées"},
    "col_removed": {"en": "Removed", "fr": "Retirées"},
    "col_changed": {"en": "Outcome changed", "fr": "Issue modifiée"},
    "changes_source": {"en": "Changes of", "fr": "Changements de"},
    "changes_all_sources": {"en": "All sources", "fr": "Toutes les sources"},
    "changes_none": {
        "en": "No record was added, removed or changed in the latest release.",
        "fr": "Aucune ligne ajoutée, retirée ou modifiée dans la dernière version.",
    },
    "changes_shown": {
        "en": "{shown} of {total} changed records shown; the CSV has them all.",
        "fr": "{shown} lignes modifiées affichées sur {total} ; le CSV les contient toutes.",
    },
    "download_changes": {
        "en": "Download the changes (CSV)",
        "fr": "Télécharger les changements (CSV)",
    },
    "method_title": {"en": "Method", "fr": "Méthode"},
    "method_text": {
        "en": "- **Rates** are given per 1,000 inhabitants or per 1,000 staff only where the publisher gives that denominator; the page says which and of which year.\n- **Uncertainty**: rates and shares come with a 95% Wilson interval; a region with too few cases to compare is shown in grey with a warning.\n- **Findings** are placed on a common scale (sustained, not sustained, unfounded, exonerated, closed otherwise, pending), keeping the publisher's label.\n- **People**: no names of officers, complainants or plaintiffs are loaded; officers are identified by a keyed pseudonym.\n- **Reported cases** (press) are shown with their confidence and legal status; a press report is never counted as a proven violation.",
        "fr": "- **Les taux** sont donnés pour 1 000 habitants ou pour 1 000 agents seulement quand l'éditeur publie ce dénominateur ; la page indique lequel et de quelle année.\n- **Incertitude** : taux et parts sont accompagnés d'un intervalle de Wilson à 95 % ; un territoire avec trop peu de cas pour être comparé apparaît en gris avec un avertissement.\n- **Les conclusions** sont placées sur une échelle commune (fondée, non établie, sans fondement, disculpé, close autrement, en cours), en gardant le libellé de l'éditeur.\n- **Les personnes** : aucun nom d'agent, de plaignant ou de requérant n'est chargé ; les agents sont désignés par un pseudonyme à clé.\n- **Les affaires rapportées** (presse) sont présentées avec leur degré de fiabilité et leur statut judiciaire ; un article de presse n'est jamais compté comme une violation établie.",
    },
}


def render(page: PageContext) -> None:
    t = page.t
    st.title(t("sources_title"))
    st.write(t("sources_intro"))

    sources = data.query("sources_detail")
    st.header(t("all_sources"))
    summary_columns = [
        "source_id",
        "jurisdiction",
        "rows_read",
        "rows_loaded",
        "rows_rejected",
        "retrieved_at",
        "title",
        "publisher",
        "licence",
        "url",
        "sha256",
    ]
    st.dataframe(
        sources[summary_columns],
        hide_index=True,
        height=36 * (len(sources) + 1) + 2,  # every source visible without scrolling
        column_order=summary_columns,
        column_config={
            "source_id": t("col_source"),
            "jurisdiction": t("col_jurisdiction"),
            "rows_read": st.column_config.NumberColumn(t("col_read"), format="localized"),
            "rows_loaded": st.column_config.NumberColumn(t("col_loaded"), format="localized"),
            "rows_rejected": st.column_config.NumberColumn(t("col_rejected"), format="localized"),
            "retrieved_at": t("col_retrieved"),
            "title": t("col_title"),
            "publisher": t("col_publisher"),
            "licence": t("col_licence"),
            "url": st.column_config.LinkColumn(t("col_url")),
            "sha256": t("col_sha256"),
        },
    )

    render_one_source(page, sources)
    render_changes(page)
    render_mappings(page)
    st.header(t("method_title"))
    st.markdown(t("method_text"))


def render_one_source(page: PageContext, sources) -> None:
    t = page.t
    st.header(t("one_source"))
    slugs = list(sources["source_id"])
    page.state.seed_widget("sources_source", page.state.choice("source", slugs, slugs[0]))
    chosen = st.selectbox(t("choose_source"), slugs, key="sources_source")
    page.state.set(source=chosen)
    row = sources.set_index("source_id").loc[chosen]
    st.subheader(row["title"])
    st.markdown(
        f"**{t('col_publisher')}:** [{row['publisher']}]({row['url']})  \n"
        f"**{t('col_licence')}:** {row['licence']}  \n"
        f"**{t('col_retrieved')}:** {row['retrieved_at']} · **SHA-256:** `{row['sha256']}`  \n"
        f"**{t('col_read')}:** {row['rows_read']:,} · **{t('col_loaded')}:** "
        f"{row['rows_loaded']:,} · **{t('col_rejected')}:** {row['rows_rejected']:,}"
    )
    for key, column in (
        ("covers", "coverage"),
        ("does_not_cover", "not_covered"),
        ("caveats", "caveats"),
    ):
        if row[column]:
            st.markdown(f"**{t(key)}.** {row[column]}")
    st.markdown(f"**{t('files')}**")
    st.dataframe(data.query("source_files_of_source", source_id=chosen), hide_index=True)
    st.markdown(f"**{t('reject_reasons')}**")
    reasons = data.query("reject_reasons_of_source", source_id=chosen)
    if reasons.empty:
        st.caption(t("no_rejects"))
    else:
        st.dataframe(reasons, hide_index=True)


def render_changes(page: PageContext) -> None:
    t = page.t
    st.header(t("changes_title"))
    st.write(t("changes_intro"))
    releases = data.query("changes_by_source")
    if releases.empty or (releases["release_number"] == 1).all():
        st.info(t("changes_first_release"))
        linked = page.state.raw("changes")
        if linked is not None:  # no release to compare: the link's choice cannot apply
            page.state.notices.append(("changes", linked))
            page.state.set(changes=None)
        return
    compared = releases[releases["release_number"] > 1]
    columns = [
        "source_id", "release_number", "retrieved_at", "previous_retrieved_at", "records",
        "added", "removed", "changed",
    ]  # fmt: skip
    st.dataframe(
        compared[columns],
        hide_index=True,
        column_order=columns,
        column_config={
            "source_id": t("col_source"),
            "release_number": t("col_release"),
            "retrieved_at": t("col_retrieved"),
            "previous_retrieved_at": t("col_previous_retrieved"),
            "records": st.column_config.NumberColumn(t("col_records"), format="localized"),
            "added": st.column_config.NumberColumn(t("col_added"), format="localized"),
            "removed": st.column_config.NumberColumn(t("col_removed"), format="localized"),
            "changed": st.column_config.NumberColumn(t("col_changed"), format="localized"),
        },
    )
    options = ["all", *compared["source_id"]]
    page.state.seed_widget("sources_changes", page.state.choice("changes", options, "all"))
    chosen = st.selectbox(
        t("changes_source"),
        options,
        key="sources_changes",
        format_func=lambda slug: t("changes_all_sources") if slug == "all" else slug,
    )
    page.state.set(changes=None if chosen == "all" else chosen)
    source_id = None if chosen == "all" else chosen
    picked = compared if source_id is None else compared[compared["source_id"] == source_id]
    total = int(picked[["added", "removed", "changed"]].sum().sum())
    if total == 0:
        st.caption(t("changes_none"))
        return
    rows = data.query("changes_since_last_release", source_id=source_id, row_limit=CHANGES_SHOWN)
    if total > len(rows):
        st.caption(t("changes_shown", shown=f"{len(rows):,}", total=f"{total:,}"))
    st.dataframe(rows, hide_index=True)
    st.download_button(
        t("download_changes"),
        # Built only when clicked: every changed record, from the same query as the table.
        functools.partial(
            query_csv,
            data.connection(),
            "changes_since_last_release",
            {"source_id": source_id, "row_limit": None},
        ),
        file_name=f"changes_{source_id or 'all_sources'}.csv",
        mime="text/csv",
        key="sources_changes_csv",
        on_click="ignore",  # no rerun: the other buttons' files stay valid
    )


def render_mappings(page: PageContext) -> None:
    t = page.t
    st.header(t("mapping_title"))
    st.write(t("mapping_intro"))
    page.state.seed_widget("sources_search", page.state.raw("q") or "")
    search = st.text_input(t("search_labels"), max_chars=200, key="sources_search")
    page.state.set(q=search or None)
    jurisdictions = list(data.query("outcome_map_jurisdictions")["jurisdiction"])
    options = ["all", *jurisdictions]
    page.state.seed_widget(
        "sources_map_jurisdiction", page.state.choice("map_jurisdiction", options, "all")
    )
    chosen = st.selectbox(
        t("jurisdiction"),
        options,
        key="sources_map_jurisdiction",
        format_func=lambda j: t("all_jurisdictions") if j == "all" else t.maybe(f"jur_{j}", j),
    )
    page.state.set(map_jurisdiction=None if chosen == "all" else chosen)
    outcome_tab, category_tab = st.tabs([t("outcome_labels"), t("category_labels")])
    with outcome_tab:
        labels = data.query(
            "outcome_map_search",
            search=search or None,
            jurisdiction=None if chosen == "all" else chosen,
        )
        st.caption(t("labels_found", count=f"{len(labels):,}"))
        st.dataframe(labels, hide_index=True)
    with category_tab:
        categories = data.query("category_map_search", search=search or None)
        st.caption(t("labels_found", count=f"{len(categories):,}"))
        st.dataframe(categories, hide_index=True)
