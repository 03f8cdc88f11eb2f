from config import Settings


def test_the_simulator_is_off_unless_switched_on_whatever_the_bind_address(monkeypatch):
    monkeypatch.delenv("KEDAI_SIMULATOR", raising=False)
    assert not Settings(KEDAI_HOST="127.0.0.1").simulator_enabled()
    assert not Settings(KEDAI_HOST="0.0.0.0").simulator_enabled()
    assert not Settings(KEDAI_HOST="127.0.0.1", KEDAI_SIMULATOR="0").simulator_enabled()
    assert Settings(KEDAI_HOST="127.0.0.1", KEDAI_SIMULATOR="1").simulator_enabled()


def test_the_payment_window_accepts_decimals():
    assert Settings(KEDAI_PAYMENT_WINDOW_MINUTES="0.05").payment_window_minutes == 0.05
