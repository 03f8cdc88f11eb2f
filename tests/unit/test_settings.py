from config import Settings


def test_the_simulator_is_on_for_loopback_and_off_for_public_binds_unless_asked():
    assert Settings(KEDAI_HOST="127.0.0.1").simulator_enabled()
    assert not Settings(KEDAI_HOST="0.0.0.0").simulator_enabled()
    assert Settings(KEDAI_HOST="0.0.0.0", KEDAI_SIMULATOR="1").simulator_enabled()


def test_the_payment_window_accepts_decimals():
    assert Settings(KEDAI_PAYMENT_WINDOW_MINUTES="0.05").payment_window_minutes == 0.05
