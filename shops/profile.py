"""The shop profile: what customers see about the shop and how they can pay and receive.

Stored as JSON on the shop row and edited with `kedai shop show|load FILE.json`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from language import places
from shops.hours import WeeklyHours, parse_hours

PaymentKind = Literal["bank_transfer", "qris", "cod"]


class PaymentMethod(BaseModel):
    kind: PaymentKind
    label: str = ""
    bank: str | None = None
    account_number: str | None = None
    account_holder: str | None = None
    qris_image: str | None = None
    # The shop's static merchant QRIS as text (EMVCo payload, checked by orders.qris when given):
    # with it each QRIS order gets its own code carrying the exact amount; the picture is the fallback.
    qris_payload: str | None = None


class DeliveryZone(BaseModel):
    id: str
    name: str
    fee: int = Field(0, ge=0)
    # Words of the address that put it in this zone (kecamatan, kelurahan, area names). A shop
    # whose only zone lists none delivers anywhere at that zone's fee.
    areas: list[str] = []
    # "Ongkir menyusul": the seller quotes this zone's fee for each order (`fee` is not used).
    quote: bool = False
    # Cash on delivery here (when the shop takes COD at all): the shop's own zones are where it
    # delivers itself and can collect the cash, so on unless the seller turns it off (a zone sent
    # by courier, say).
    cod: bool = True


class OutsideZones(BaseModel):
    """Delivery to an address that no zone covers ("luar kota"). Off by default: such an
    address is offered the zones (and pickup), never put in one."""

    allowed: bool = False
    fee: int | None = Field(None, ge=0)  # a fixed fee; None: "ongkir menyusul", quoted per order
    name: str = "Luar kota"
    # Cash on delivery beyond the zones: off unless the seller turns it on. Out of town the goods
    # go by courier, the fee is often not yet known, and a parcel refused at the door comes back
    # at the seller's cost.
    cod: bool = False

    @property
    def quote(self) -> bool:
        return self.fee is None


class WhatsAppTemplates(BaseModel):
    """Twilio Content templates (ContentSid "HX…") this shop has made; every one is optional.

    quick_reply / list_picker are session templates (inside WhatsApp's 24-hour window), keyed by
    how many choices they hold ("1"-"3" / "1"-"10"). Their variables: "1" the message text, then for
    choice i (1-based) "{2i}" its label and "{2i+1}" its value (what comes back as the payload).
    reengage (and purposes[name] for an outbound marked with that purpose) is an approved template
    for messages outside the window, with variables "1" the shop name and "2" the message text.
    """

    quick_reply: dict[str, str] = {}
    list_picker: dict[str, str] = {}
    reengage: str | None = None
    purposes: dict[str, str] = {}


class ShopProfile(BaseModel):
    name: str
    tagline: str = ""
    address: str = ""
    opening_hours: str = ""  # as the seller wrote it; `hours()` reads it into a schedule
    phone: str = ""  # the shop's contact number, shown to customers who ask (E.164 or as written)
    # Where the shop is, for a maps link (set by a shared location or the shop file).
    latitude: float | None = None
    longitude: float | None = None
    minimum_order: int = Field(0, ge=0)  # whole Rupiah of goods; 0: none
    delivery_time: str = ""  # how long delivery takes, in the seller's words
    timezone: str = "Asia/Jakarta"
    order_prefix: str = "KD"
    pickup: bool = True
    pickup_address: str = ""
    payment_methods: list[PaymentMethod] = []
    delivery_zones: list[DeliveryZone] = []
    outside_zones: OutsideZones = OutsideZones()
    # How long the seller has to quote a delivery fee, and then the customer to accept it.
    quote_window_minutes: float = Field(720, gt=0)
    payment_window_minutes: float | None = None
    whatsapp_templates: WhatsAppTemplates = WhatsAppTemplates()
    # Local hour (shop time zone) at which the day's recap goes to the sellers.
    recap_hour: int = Field(20, ge=0, le=23)
    # An order while the opening hours say closed: taken for the next opening, or refused.
    outside_hours: Literal["next_opening", "refuse"] = "next_opening"

    def hours(self) -> WeeklyHours | None:
        """The opening hours as a schedule, or None when the text cannot be read with confidence."""
        return parse_hours(self.opening_hours)

    def maps_url(self) -> str | None:
        if self.latitude is None or self.longitude is None:
            return None
        return f"https://maps.google.com/?q={self.latitude:.6f},{self.longitude:.6f}"

    def payment(self, kind: str) -> PaymentMethod | None:
        return next((m for m in self.payment_methods if m.kind == kind), None)

    def cod_for(self, fulfilment: str | None, zone_id: str | None) -> bool:
        """Whether cash on delivery may be chosen for this way of receiving: pickup and the
        zones (unless a zone turns it off) yes, beyond the zones only when `outside_zones.cod`."""
        if self.payment("cod") is None:
            return False
        if fulfilment != "delivery":
            return True
        zone = self.zone(zone_id or "")
        return zone.cod if zone is not None else self.outside_zones.cod

    def methods_for(self, fulfilment: str | None, zone_id: str | None) -> list[PaymentMethod]:
        """The payment methods a customer may choose for this way of receiving."""
        return [m for m in self.payment_methods if m.kind != "cod" or self.cod_for(fulfilment, zone_id)]

    def zone(self, zone_id: str) -> DeliveryZone | None:
        return next((z for z in self.delivery_zones if z.id == zone_id), None)

    def zone_for_address(self, address: str) -> DeliveryZone | None:
        """The zone whose areas the address names (language.places: whole words, city
        shorthands, a slip in a long name, "kota" told from "kabupaten"); None when none does
        (an address is never put in a zone it does not name), except where the only zone lists
        no areas."""
        zone_id = places.best_area(address, [(z.id, z.areas) for z in self.delivery_zones])
        if zone_id is not None:
            return self.zone(zone_id)
        if len(self.delivery_zones) == 1 and not self.delivery_zones[0].areas:
            return self.delivery_zones[0]
        return None
