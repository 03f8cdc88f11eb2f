"""The cluster admin's joint promotion, applied in the message's transaction: the runs it makes
are sent by bot.broadcasting after the commit, each from its own shop."""

from __future__ import annotations

from conversations.seller.cluster import JointPromoSent, NotClusterAdmin, SendJointPromo
from effects.env import Env
from marketing.cluster import send_joint
from storage import clusters as clusters_db


def joint_promo(env: Env, effect: SendJointPromo) -> JointPromoSent | NotClusterAdmin:
    clusters = clusters_db.admin_of(env.session, env.who.shop_id, effect.seller_id)
    if not clusters:
        return NotClusterAdmin()
    cluster = clusters[0]  # a seller administering several clusters names them by CLI (`kedai cluster promo`)
    sent = send_joint(env.session, cluster, effect.text, env.ctx.now, f"seller:{effect.seller_id}")
    return JointPromoSent(cluster.name, tuple(sent.per_shop.items()), sent.skipped)


APPLIERS = {SendJointPromo: joint_promo}
