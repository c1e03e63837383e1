"""biblatex/EDTF dates and BibTeX year/month/day → CSL dates."""

import pytest

from biblio.tocsl import dates


@pytest.mark.parametrize("src, out", [
    ("2015", {"date-parts": [[2015]]}),
    ("2015-11", {"date-parts": [[2015, 11]]}),
    ("2015-11-13", {"date-parts": [[2015, 11, 13]]}),
    ("2015-11-13T10:00:00Z", {"date-parts": [[2015, 11, 13]]}),
    ("-0044-03-15", {"date-parts": [[-44, 3, 15]]}),
    ("2015/2016", {"date-parts": [[2015], [2016]]}),
    ("2015-05/2015-07", {"date-parts": [[2015, 5], [2015, 7]]}),
    ("2015/..", {"date-parts": [[2015], [0]]}),
    ("2015-03/..", {"date-parts": [[2015, 3], [0, 0]]}),
    ("2015/", {"date-parts": [[2015], [0]]}),
    ("2015~", {"date-parts": [[2015]], "circa": True}),
    ("2015%", {"date-parts": [[2015]], "circa": True}),
    ("2015?", {"date-parts": [[2015]]}),
    ("2015-21", {"date-parts": [[2015]], "season": 1}),
    ("2015-24", {"date-parts": [[2015]], "season": 4}),
    # a season range keeps both seasons as months 21–24 (CSL's one `season` holds one)
    ("2015-21/2015-22", {"date-parts": [[2015, 21], [2015, 22]]}),
    ("2015-23/2016-24", {"date-parts": [[2015, 23], [2016, 24]]}),
    ("2015-21/..", {"date-parts": [[2015, 21], [0, 0]]}),
    ("199X", {"date-parts": [[1990], [1999]]}),  # EDTF's unspecified digits: a range
    ("20uu", {"date-parts": [[2000], [2099]]}),
    ("1998/unknown", {"date-parts": [[1998], [0]]}),  # biblatex's old open ends
    ("1999/open", {"date-parts": [[1999], [0]]}),
])
def test_parse_date(src, out):
    assert dates.parse_date(src) == out


@pytest.mark.parametrize("src", ["", "yesterday", "2015-13", "2015-02-40", "../2015", "15.11.2015"])
def test_bad_dates_raise(src):
    with pytest.raises(dates.BadDate):
        dates.parse_date(src)


@pytest.mark.parametrize("y, m, d, out", [
    ("2013", None, None, {"date-parts": [[2013]]}),
    ("2013", "November", None, {"date-parts": [[2013, 11]]}),
    ("2013", "nov", "13", {"date-parts": [[2013, 11, 13]]}),
    ("2013", "11", None, {"date-parts": [[2013, 11]]}),
    ("2013", "Spring", None, {"date-parts": [[2013]], "season": 1}),
    ("2013", "jan--feb", None, {"date-parts": [[2013, 1], [2013, 2]]}),
    ("2013", "Spring/Summer", None, {"date-parts": [[2013, 21], [2013, 22]]}),
    ("2013", "fall--winter", None, {"date-parts": [[2013, 23], [2013, 24]]}),
    ("2013a", None, None, {"date-parts": [[2013]]}),
    ("2013/2014", None, None, {"date-parts": [[2013], [2014]]}),
    ("ca. 1850", None, None, {"date-parts": [[1850]], "circa": True}),
])
def test_from_fields(y, m, d, out):
    assert dates.from_fields(y, m, d) == out


def test_bad_month_raises():
    with pytest.raises(dates.BadDate):
        dates.from_fields("2013", "Brumaire", None)
