package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;

/** The data.* keys of image-file datasets: accepted there, refused (as unread) for the small in-memory sets. */
class ImageFileKeysTest {

    private static BadInputException bad(String... overrides) {
        return assertThrows(BadInputException.class, () -> ConfigLoader.load(null, List.of(overrides)));
    }

    @Test
    void imageFileKeysLoadForImageFileDatasets() {
        RunConfig c = ConfigLoader.load(null, List.of("data.dataset=imagenet-lt", "data.root=/x", "data.workers=3",
                "data.label_order=frequency", "data.groups.rule=mislas-ranges", "data.path_prefixes=[a/=b/]",
                "data.on_bad_image=skip", "data.decoder=imageio", "data.color_jitter=0"));
        assertEquals(3, c.data.workers);
        assertEquals(List.of("a/=b/"), c.data.pathPrefixes);
    }

    @Test
    void imageFileKeysAreRefusedForTheSmallDatasets() {
        BadInputException e = bad("data.dataset=cifar10", "data.workers=3");
        assertTrue(e.getMessage().contains("data.workers") && e.getMessage().contains("image-file datasets"),
                e.getMessage());
        e = bad("data.dataset=imagenet-lt", "data.augment.pad=2");
        assertTrue(e.getMessage().contains("data.augment.pad"), e.getMessage());
        e = bad("data.dataset=image-folder", "data.augment.rotation=15");
        assertTrue(e.getMessage().contains("data.augment.rotation") && e.getMessage().contains("RandomResizedCrop"),
                e.getMessage());
    }

    @Test
    void imagenetLtRefusesImagenetWeightsUnlessAllowed() {
        BadInputException e = bad("data.dataset=imagenet-lt", "model.arch=tv-resnet50", "model.pretrained=r50.pth");
        assertTrue(e.getMessage().contains("model.pretrained") && e.getMessage().contains("allow_imagenet_overlap"),
                e.getMessage());
        RunConfig allowed = ConfigLoader.load(null, List.of("data.dataset=imagenet-lt", "model.arch=tv-resnet50",
                "model.pretrained=r50.pth", "model.allow_imagenet_overlap=true"));
        assertEquals("r50.pth", allowed.model.pretrained);
        ConfigLoader.load(null, List.of("data.dataset=places-lt", "model.arch=places-resnet152",
                "model.pretrained=r152.pth"));
    }

    @Test
    void vocabularyAndRulesAreChecked() {
        assertTrue(bad("data.dataset=places-lt", "data.path_rewrite=sideways").getMessage().contains("data.path_rewrite"));
        assertTrue(bad("data.dataset=places-lt", "data.on_bad_image=ignore").getMessage().contains("data.on_bad_image"));
        assertTrue(bad("data.dataset=places-lt", "data.groups.rule=mislas-ranges").getMessage()
                .contains("data.label_order: frequency"));
        assertTrue(bad("data.dataset=image-folder", "data.hold_out=1.5").getMessage().contains("data.hold_out"));
    }
}
