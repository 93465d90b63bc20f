"""``dateline fix``: correct what the store holds about an article — today, its publication date.

``dateline fix ID --published DATE`` sets the article's date and re-dates its events from their
own words against it; ``dateline fix ID --redate`` (or ``--all --redate``) re-dates events without
changing any date, e.g. for a store written before event dates had a precision and a basis.
"""

from __future__ import annotations

import click

from dateline.errors import DatelineError
from dateline.store.redate import check_published, extracted_articles, resolve_article
from dateline.store.redate import redate as redate_article


@click.command("fix", short_help="Correct an article's publication date; re-date its events from their words.")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--published", metavar="DATE", default=None,
              help="The article's publication date (ISO 8601 date or datetime); its events are re-dated against it.")
@click.option("--redate", is_flag=True, help="Re-date the events from their words against the stored date.")
@click.option("--all", "all_", is_flag=True, help="Every extracted article (with --redate).")
@click.pass_obj
def fix_cmd(state, ids, published, redate, all_):
    """Set the publication date of the articles ID... (an id or a unique prefix) and re-date their events.

    Each event's date is read again from its own words (the time expression of its clause, then its
    sentence, then its paragraph) against the new date; events with no time of their own take the
    new date. Actors, quotes and events otherwise stay as stored. One article, one transaction.

    \b
    dateline fix 3f2a9c --published 2011-11-10
    dateline fix --all --redate
    """
    if published is None and not redate:
        raise DatelineError("E501", "nothing to fix", "give --published DATE, or --redate")
    if published is not None:
        published = check_published(published)
        if all_:
            raise DatelineError("E501", "--published applies to the articles named, not --all",
                                "name the articles: dateline fix ID... --published DATE")
    if not ids and not all_:
        raise DatelineError("E501", "no article named", "give article ids, or --all with --redate")
    with state.open_store() as store:
        targets = extracted_articles(store.conn) if all_ else [resolve_article(store.conn, i) for i in ids]
        changed = 0
        for aid in targets:
            res = redate_article(store, aid, published, state.config)
            changed += res.changed
            if not all_:
                click.echo(f"{aid[:10]}: published {res.published or '-'}; {res.changed} of {res.events} events re-dated")
    if all_:
        click.echo(f"{len(targets)} articles; {changed} events re-dated")


def register(group: click.Group) -> None:
    group.add_command(fix_cmd)
