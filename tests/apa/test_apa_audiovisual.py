"""APA 7 10.12: an online video is "[Video]" and the site that publishes it its publisher."""

from apa_render import apa


def test_an_online_videos_howpublished_is_its_publisher():
    # howpublished = {YouTube} on an online @video names where it is published: APA 7 10.12
    # "[Video]. YouTube.", not "[Video; YouTube]" as if it were the recording's format.
    out = apa("@video{v, author = {{Physio Tutors}}, title = {Dry needling the upper trapezius},\n"
              "  date = {2020-01-12}, howpublished = {YouTube},\n"
              "  url = {https://www.youtube.com/watch?v=abc123}}\n")
    assert out == [("Physio Tutors. (2020, January 12). Dry needling the upper trapezius "
                    "[Video]. YouTube. https://www.youtube.com/watch?v=abc123")]


def test_a_format_with_a_publisher_stays_the_medium():
    # With a publisher of its own, howpublished is the recording's format (biblatex's
    # "unusual publication" notice), in brackets as before.
    out = apa("@audio{a, author = {Glass, Ira}, title = {Right to Remain Silent},\n"
              "  publisher = {WBEZ}, howpublished = {Podcast}, date = {2010-09-10}}\n")
    assert out == ["Glass, I. (2010, September 10). Right to remain silent [Podcast]. WBEZ."]
