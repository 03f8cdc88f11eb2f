"""A seller's catalog changes, applied inside the message's transaction. Each is a conditional
write naming the value it expects to replace (an order may have moved the stock since the
seller looked), and leaves an audit row: who, when, before, after."""

from __future__ import annotations

from conversations.seller.changes import (AlreadySold, ChangedMeanwhile, Created, CreateProduct, Done, ProductChange,
                                          ProductGone, RemoveNewProduct)
from catalog.sku import new_sku, sku_base
from effects.env import Env
from effects.stock_alerts import stock_alerts
from storage import categories as categories_db
from storage import products as products_db
from storage import seller_changes as seller_changes_db
from storage import shops as shops_db

# Fields whose change alters what the search index holds.
INDEXED = {"visible"}


def change(env: Env, effect: ProductChange) -> Done | ProductGone | ChangedMeanwhile:
    session, shop_id = env.session, env.who.shop_id
    if not products_db.change_product(session, shop_id, effect.product_id, effect.field, effect.before, effect.after):
        rows = products_db.fetch_seller_products(session, shop_id, [effect.product_id])
        if not rows:
            return ProductGone()
        value = getattr(rows[0], effect.field)
        return ChangedMeanwhile(bool(value) if effect.field == "visible" else value)
    if effect.field in INDEXED:
        shops_db.bump_catalog_version(session, shop_id)
    seller_changes_db.add_change(session, shop_id, effect.seller_id, effect.actor, ("undo_" if effect.undo else "") + effect.field,
                  effect.name, {effect.field: effect.before}, {effect.field: effect.after}, env.ctx.now, effect.product_id)
    if effect.field == "stock" and effect.after < effect.before:
        env.notices += stock_alerts(session, shop_id, {effect.product_id: effect.before - effect.after}, effect.seller_id)
    return Done()


def create(env: Env, effect: CreateProduct) -> Created:
    """A new product; with options, a row per option sharing the first one's family."""
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    category_id = categories_db.ensure_categories(session, shop_id, [effect.category])[effect.category]
    rows = effect.options or ((None, effect.price, effect.stock, None),)
    ids: list[int] = []
    for option, price, stock, kind in rows:
        base = sku_base(f"{effect.name} {option}" if option else effect.name)
        sku = new_sku(base, products_db.fetch_skus(session, shop_id, base))
        ids.append(products_db.add_product(session, shop_id, sku, effect.name, category_id, price, stock, now,
                                           effect.image_url, family_id=ids[0] if ids else None, option=option,
                                           option_kind=kind))
        seller_changes_db.add_change(session, shop_id, effect.seller_id, effect.actor, "new_product", effect.name, None,
                      {"sku": sku, "name": effect.name, "price": price, "stock": stock, "category": effect.category,
                       **({"option": option} if option else {})}, now, ids[-1])
    shops_db.bump_catalog_version(session, shop_id)
    return Created(ids[0], tuple(ids) if effect.options else ())


def remove_new(env: Env, effect: RemoveNewProduct) -> Done | AlreadySold:
    session, shop_id = env.session, env.who.shop_id
    if effect.product_ids:
        if not products_db.delete_unsold_products(session, shop_id, effect.product_ids):
            return AlreadySold()
    elif not products_db.delete_unsold_product(session, shop_id, effect.product_id):
        return AlreadySold()
    shops_db.bump_catalog_version(session, shop_id)
    seller_changes_db.add_change(session, shop_id, effect.seller_id, effect.actor, "undo_new_product", effect.name,
                  {"product_id": effect.product_id}, None, env.ctx.now, effect.product_id)
    return Done()


APPLIERS = {ProductChange: change, CreateProduct: create, RemoveNewProduct: remove_new}
